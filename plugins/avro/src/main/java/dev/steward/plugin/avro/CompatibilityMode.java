package dev.steward.plugin.avro;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A schema registry compatibility mode, with the meaning Confluent's Schema Registry gives it.
 * BACKWARD: the new schema can read data written with the old one; FORWARD: the old schema can read
 * data written with the new one; FULL: both. The {@code _TRANSITIVE} variants check against every
 * earlier version instead of only the previous one. NONE checks nothing.
 */
public enum CompatibilityMode {
    BACKWARD(true, false, false),
    FORWARD(false, true, false),
    FULL(true, true, false),
    BACKWARD_TRANSITIVE(true, false, true),
    FORWARD_TRANSITIVE(false, true, true),
    FULL_TRANSITIVE(true, true, true),
    NONE(false, false, false);

    /** The mode used when an entity names none, as in Confluent's Schema Registry. */
    public static final CompatibilityMode DEFAULT = BACKWARD;

    private final boolean backward;
    private final boolean forward;
    private final boolean transitive;

    CompatibilityMode(boolean backward, boolean forward, boolean transitive) {
        this.backward = backward;
        this.forward = forward;
        this.transitive = transitive;
    }

    /** True when the new schema, as reader, must read data written with the earlier ones. */
    public boolean checksBackward() {
        return backward;
    }

    /** True when the earlier schemas, as readers, must read data written with the new one. */
    public boolean checksForward() {
        return forward;
    }

    /** True when every earlier version is checked, not only the previous one. */
    public boolean transitive() {
        return transitive;
    }

    /**
     * The mode named by {@code value}, ignoring case and surrounding blanks; {@link #DEFAULT} for null
     * or blank.
     *
     * @throws IllegalArgumentException when the value names no mode
     */
    public static CompatibilityMode parse(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT;
        }
        String name = value.trim().toUpperCase(Locale.ROOT);
        for (CompatibilityMode mode : values()) {
            if (mode.name().equals(name)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("Unknown Avro compatibility mode '" + value + "' in spec.compatibility;"
                + " expected one of " + allowed() + " (case-insensitive)");
    }

    private static String allowed() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
