package dev.steward.alignment.flink;

/** A failure of one observation of the Flink REST API; its message follows the source's description. */
final class RestFailure extends Exception {
    private static final long serialVersionUID = 1L;

    RestFailure(String message, Throwable cause) {
        super(message, cause);
    }

    /** An answer that is not what the REST API gives for {@code path}. */
    static RestFailure malformed(String path, String what) {
        return new RestFailure("answered " + path + " with something unexpected: " + what, null);
    }

    /** The kind of {@code e} and its message, if it has one. */
    static String messageOf(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }
}
