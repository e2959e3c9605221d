package dev.steward.readiness;

import java.util.Locale;

/** The state of one readiness check for one entity. Only {@link #PASS} and {@link #WAIVED} count as met. */
public enum CheckStatus {
    PASS, FAIL, PENDING, EXPIRED, VOID, WAIVED, ERROR;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean met() {
        return this == PASS || this == WAIVED;
    }

    public static CheckStatus parse(String text) {
        for (CheckStatus s : values()) {
            if (s.label().equalsIgnoreCase(text)) return s;
        }
        return null;
    }
}
