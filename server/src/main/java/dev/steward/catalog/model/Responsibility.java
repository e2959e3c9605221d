package dev.steward.catalog.model;

import java.util.List;
import java.util.Locale;

/**
 * A kind of change that needs sign-off, or an ongoing duty. Built-in change responsibilities exist
 * in every catalog; a manifest may redefine one to give it a title or a runbook.
 */
public record Responsibility(String name, String title, String description, Type type,
                             List<AppliesTo> appliesTo, List<String> detect, String runbook,
                             SourceLocation runbookAt, boolean builtIn, SourceLocation source) {

    public static final List<String> BUILT_IN = List.of(
            "create", "delete", "ownership-transfer", "metadata-change", "policy-change", "readiness-waiver");

    public enum Type {
        CHANGE, DUTY;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One {@code appliesTo} entry: a kind, optionally narrowed to a {@code spec.type}. */
    public record AppliesTo(String kind, String type) {
        public boolean accepts(Entity entity) {
            if (!entity.isKind(kind)) return false;
            return type == null || type.equalsIgnoreCase(entity.type());
        }

        @Override
        public String toString() {
            return type == null ? kind : kind + ':' + type;
        }
    }

    public boolean appliesTo(Entity entity) {
        if (appliesTo.isEmpty()) return true;
        for (AppliesTo a : appliesTo) {
            if (a.accepts(entity)) return true;
        }
        return false;
    }

    public boolean isChange() {
        return type == Type.CHANGE;
    }

    public static Responsibility builtIn(String name) {
        String title = switch (name) {
            case "create" -> "Create an entity";
            case "delete" -> "Delete an entity";
            case "ownership-transfer" -> "Transfer ownership";
            case "metadata-change" -> "Other change";
            case "policy-change" -> "Change a policy or responsibility";
            case "readiness-waiver" -> "Waive a production-readiness check";
            default -> throw new IllegalArgumentException(name);
        };
        return new Responsibility(name, title, null, Type.CHANGE, List.of(), List.of(), null, null, true, null);
    }
}
