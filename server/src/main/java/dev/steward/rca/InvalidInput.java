package dev.steward.rca;


/** A request field that is missing or wrong: a 400 that names the field. */
public final class InvalidInput extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String field;

    public InvalidInput(String field, String message) {
        super(field + ": " + message, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }

    /** The message without the field's name. */
    public String reason() {
        return getMessage().substring(field.length() + 2);
    }
}
