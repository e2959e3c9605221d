package dev.steward.catalog.model;


/** The RACI roles a policy rule assigns, under their manifest field names. */
public enum Role {
    APPROVERS("approvers"), RESPONSIBLE("responsible"), CONSULTED("consulted"), INFORMED("informed");

    private final String field;

    Role(String field) {
        this.field = field;
    }

    public String field() {
        return field;
    }
}
