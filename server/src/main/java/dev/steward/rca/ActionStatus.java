package dev.steward.rca;

import java.util.Locale;

/** An action item is open until done, or until its owners decide it will not be done. */
public enum ActionStatus {
    OPEN, DONE, WONT_DO;

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static ActionStatus parse(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
