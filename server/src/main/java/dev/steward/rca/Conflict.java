package dev.steward.rca;

/** A request that is well-formed but not allowed now, such as an invalid status transition: a 409. */
public final class Conflict extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Conflict(String message) {
        super(message, null, false, false);
    }
}
