package dev.steward.alignment.flink;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** The requests of one observation: sent a few at a time, all given up on at the deadline. */
final class RestCalls {
    private static final int IN_FLIGHT = 8;

    private final HttpClient client;
    private final String restUrl;
    private final String authorization;
    private final long deadline;
    private final Duration timeout;
    private final Semaphore permits = new Semaphore(IN_FLIGHT);
    private final List<CompletableFuture<?>> sent = new ArrayList<>();

    /** {@code deadline} in {@link System#nanoTime()}'s terms; {@code timeout} is what failures report. */
    RestCalls(HttpClient client, String restUrl, String authorization, long deadline, Duration timeout) {
        this.client = client;
        this.restUrl = restUrl;
        this.authorization = authorization;
        this.deadline = deadline;
        this.timeout = timeout;
    }

    /** Sends {@code GET path} once a request slot is free (before the deadline). */
    RestCall get(String path) throws RestFailure {
        try {
            if (!permits.tryAcquire(remaining(path), TimeUnit.NANOSECONDS)) throw late(path, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RestFailure("was not read: interrupted", e);
        }
        CompletableFuture<HttpResponse<String>> future;
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(restUrl + path))
                    .timeout(Duration.ofNanos(remaining(path)))
                    .header("Accept", "application/json")
                    .GET();
            if (authorization != null) request.header("Authorization", authorization);
            future = client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (RuntimeException | RestFailure e) {
            permits.release();
            throw e;
        }
        future.whenComplete((r, e) -> permits.release());
        sent.add(future);
        return new RestCall(this, path, future);
    }

    /** What is left until the deadline, in nanoseconds; past it, a failure. */
    long remaining(String path) throws RestFailure {
        long left = deadline - System.nanoTime();
        if (left <= 0) throw late(path, null);
        return left;
    }

    RestFailure late(String path, Throwable cause) {
        return new RestFailure("did not answer within " + timeout.toMillis() + " ms (GET " + path + ")", cause);
    }

    /** Cancels every request sent, answered or not. */
    void abandon() {
        for (CompletableFuture<?> f : sent) f.cancel(true);
    }
}
