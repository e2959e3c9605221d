package dev.steward.alignment.flink;

import java.net.http.HttpClient;
import java.time.Duration;

/**
 * The REST API of one Flink JobManager, read with plain GETs over {@link HttpClient}: its base URL, the
 * {@code Authorization} header sent with every request (if any), and the client, kept between
 * observations. Not thread-safe: {@link FlinkSource} uses it under its own lock.
 */
final class FlinkRest {
    private final String url;
    private final String authorization;

    private HttpClient http;
    private Duration httpTimeout;

    /** {@code url} without a trailing slash; {@code authorization} null to send none. */
    FlinkRest(String url, String authorization) {
        this.url = url;
        this.authorization = authorization;
    }

    String url() {
        return url;
    }

    /** The requests of one observation, all given up on once {@code timeout} has passed from now. */
    RestCalls calls(Duration timeout) {
        HttpClient client = client(timeout);
        return new RestCalls(client, url, authorization, System.nanoTime() + timeout.toNanos(), timeout);
    }

    void close() {
        http = null;
        httpTimeout = null;
    }

    /** The client, made on first use and again when the timeout changes (its connect timeout is fixed). */
    private HttpClient client(Duration timeout) {
        if (http == null || !timeout.equals(httpTimeout)) {
            http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
            httpTimeout = timeout;
        }
        return http;
    }
}
