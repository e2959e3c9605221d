package dev.steward.plugin;

import java.time.Instant;
import java.util.Map;

/**
 * Something that happened.
 *
 * @param type one of {@link #SNAPSHOT_LOADED}, {@link #VALIDATION_FAILED}, {@link #ACTION_OVERDUE},
 *             {@link #READINESS_EXPIRING}, {@link #READINESS_LEVEL_LOST}
 * @param at when it happened
 * @param data the details as JSON-ready values (strings, numbers, booleans, lists, maps)
 */
public record Event(String type, Instant at, Map<String, Object> data) {
    /** A commit was loaded and is now served. Data: {@code commit}, {@code entities}, {@code millis}. */
    public static final String SNAPSHOT_LOADED = "snapshot.loaded";
    /** A commit did not validate; the last good one is still served. Data: {@code commit}, {@code errors}. */
    public static final String VALIDATION_FAILED = "validation.failed";
    /** An incident's action item passed its due date. Data: {@code incident}, {@code action}, {@code owner}, {@code due}. */
    public static final String ACTION_OVERDUE = "action.overdue";
    /**
     * A readiness attestation expires within 7 days. Data: {@code entity}, {@code checklist},
     * {@code check}, {@code actor}, {@code expiresAt}.
     */
    public static final String READINESS_EXPIRING = "readiness.attestation.expiring";
    /**
     * An entity lost its readiness level for a checklist. Data: {@code entity}, {@code checklist},
     * {@code from}, {@code to} (absent below the lowest level), {@code ready}, {@code failing} (the ids of
     * the checks that keep it from {@code from}).
     */
    public static final String READINESS_LEVEL_LOST = "readiness.level.lost";
    /**
     * A scan found drift it had not found before. Data: {@code entity}, {@code source}, {@code asset},
     * {@code field}, {@code declared}, {@code actual}, {@code owner}.
     */
    public static final String ALIGNMENT_DRIFT = "alignment.drift";
}
