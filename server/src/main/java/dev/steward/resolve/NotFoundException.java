package dev.steward.resolve;

/** An entity, responsibility or group named in a question does not exist in the catalog. */
public final class NotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NotFoundException(String message) {
        super(message);
    }
}
