package dev.steward.readiness;

/** The acting user may not make this write (attest or waive this check for this entity): a 403. */
public final class NotEligible extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NotEligible(String message) {
        super(message, null, false, false);
    }
}
