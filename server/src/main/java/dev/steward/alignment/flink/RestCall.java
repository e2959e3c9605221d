package dev.steward.alignment.flink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** One request: its answer, awaited until the deadline. */
final class RestCall {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RestCalls calls;
    private final String path;
    private final CompletableFuture<HttpResponse<String>> future;

    RestCall(RestCalls calls, String path, CompletableFuture<HttpResponse<String>> future) {
        this.calls = calls;
        this.path = path;
        this.future = future;
    }

    /** The answer's JSON; any status but 200 is a failure. */
    JsonNode await() throws RestFailure {
        JsonNode node = awaitOrNull();
        if (node == null) throw new RestFailure("answered GET " + path + " with 404 Not Found", null);
        return node;
    }

    /** The answer's JSON, or null for a 404; any other status but 200 is a failure. */
    JsonNode awaitOrNull() throws RestFailure {
        HttpResponse<String> response = response();
        int status = response.statusCode();
        if (status == 404) return null;
        if (status != 200) {
            String body = response.body() == null ? "" : response.body().strip();
            if (body.length() > 300) body = body.substring(0, 300) + "…";
            String why = status == 401 || status == 403 ? " (credentials rejected)" : "";
            throw new RestFailure("answered GET " + path + " with HTTP " + status + why
                    + (body.isEmpty() ? "" : ": " + body), null);
        }
        try {
            JsonNode node = JSON.readTree(response.body());
            if (node == null || !node.isObject()) throw RestFailure.malformed(path, "not a JSON object");
            return node;
        } catch (IOException e) {
            throw new RestFailure("answered GET " + path + " with something that is not JSON: "
                    + RestFailure.messageOf(e), e);
        }
    }

    /** The response, whatever its status, once it is in (before the deadline). */
    private HttpResponse<String> response() throws RestFailure {
        try {
            return future.get(calls.remaining(path), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw calls.late(path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RestFailure("was not read: interrupted", e);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof HttpTimeoutException) throw calls.late(path, cause);
            throw new RestFailure("could not be read (GET " + path + "): " + RestFailure.messageOf(cause), cause);
        }
    }
}
