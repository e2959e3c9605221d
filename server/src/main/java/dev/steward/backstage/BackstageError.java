package dev.steward.backstage;

/**
 * An error answered in Backstage's shape: {@code {error: {name, message}, request: {method, url},
 * response: {statusCode}}}, with Backstage's error names ({@code InputError}, {@code NotFoundError}).
 */
public final class BackstageError extends RuntimeException {
    private final int status;
    private final String name;

    public BackstageError(int status, String name, String message) {
        super(message);
        this.status = status;
        this.name = name;
    }

    public BackstageError(int status, String name, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.name = name;
    }

    public int status() {
        return status;
    }

    public String name() {
        return name;
    }
}
