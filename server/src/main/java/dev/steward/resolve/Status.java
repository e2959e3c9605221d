package dev.steward.resolve;

/** The outcome of resolving one responsibility for one entity. */
public enum Status {
    OK("ok"), UNOWNED("unowned"), NOT_APPLICABLE("not-applicable");

    private final String label;

    Status(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
