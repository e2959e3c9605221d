package dev.steward.rca;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * An incident's lifecycle: {@code open → mitigated → resolved → postmortem → closed}. It moves
 * forward only; mitigation may be skipped (an incident fixed outright), the postmortem may not.
 */
public enum IncidentStatus {
    OPEN, MITIGATED, RESOLVED, POSTMORTEM, CLOSED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static IncidentStatus parse(String text) {
        for (IncidentStatus s : values()) {
            if (s.label().equals(text)) return s;
        }
        return null;
    }

    public Set<IncidentStatus> next() {
        return switch (this) {
            case OPEN -> Set.of(MITIGATED, RESOLVED);
            case MITIGATED -> Set.of(RESOLVED);
            case RESOLVED -> Set.of(POSTMORTEM);
            case POSTMORTEM -> Set.of(CLOSED);
            case CLOSED -> Set.of();
        };
    }

    public List<String> nextLabels() {
        return next().stream().sorted().map(IncidentStatus::label).toList();
    }
}
