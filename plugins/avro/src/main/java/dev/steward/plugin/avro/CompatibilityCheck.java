package dev.steward.plugin.avro;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/** Checks a new Avro schema against earlier versions under a {@link CompatibilityMode}. */
public final class CompatibilityCheck {

    private CompatibilityCheck() {
    }

    /**
     * The outcome of a check.
     *
     * @param compatible true when the new schema satisfies the mode against every version checked
     * @param problems one line per incompatibility found: which version, which direction, the Avro
     *     incompatibility type, its location and message; empty when compatible
     */
    public record Result(boolean compatible, List<String> problems) {
        public Result {
            problems = List.copyOf(problems);
        }

        /** A human-readable reason: "compatible", or the problems joined by "; ". */
        public String reason() {
            return compatible ? "compatible" : String.join("; ", problems);
        }
    }

    /** As {@link #check(CompatibilityMode, Schema, List)}, with the mode given by name. */
    public static Result check(String mode, Schema newer, List<Schema> earlier) {
        return check(CompatibilityMode.parse(mode), newer, earlier);
    }

    /**
     * Checks {@code newer} against {@code earlier}, newest first: the first element is the previous
     * version. A non-transitive mode checks the previous version only; a transitive one checks them
     * all. With no earlier version, every schema is compatible.
     */
    public static Result check(CompatibilityMode mode, Schema newer, List<Schema> earlier) {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(newer, "newer");
        List<Schema> against = earlier == null ? List.of()
                : mode.transitive() ? earlier : earlier.isEmpty() ? List.of() : earlier.subList(0, 1);
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < against.size(); i++) {
            Schema old = against.get(i);
            String version = i == 0 ? "the previous version" : "the version " + (i + 1) + " back in history";
            if (mode.checksBackward()) {
                collect(SchemaCompatibility.checkReaderWriterCompatibility(newer, old),
                        "BACKWARD: the new schema cannot read data written with " + version, problems);
            }
            if (mode.checksForward()) {
                collect(SchemaCompatibility.checkReaderWriterCompatibility(old, newer),
                        "FORWARD: " + version + " cannot read data written with the new schema", problems);
            }
        }
        return new Result(problems.isEmpty(), problems);
    }

    private static void collect(SchemaPairCompatibility pair, String what, List<String> problems) {
        if (pair.getType() == SchemaCompatibilityType.COMPATIBLE) {
            return;
        }
        List<Incompatibility> found = pair.getResult().getIncompatibilities();
        if (found.isEmpty()) {
            problems.add(what + " (" + pair.getDescription() + ")");
            return;
        }
        for (Incompatibility incompatibility : found) {
            problems.add(what + ": " + incompatibility.getType() + " at " + incompatibility.getLocation()
                    + ": " + incompatibility.getMessage());
        }
    }
}
