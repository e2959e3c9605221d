package dev.steward.catalog.load;

import java.time.Instant;
import java.util.Locale;

/** One attempt to load a commit: when, how long, and whether it is now served. */
public record LoadAttempt(String commit, String ref, Instant startedAt, long millis, Outcome outcome, int entities,
                          int errors, String firstError) {

    /** What came of the attempt. */
    public enum Outcome {
        /** The commit validated and now answers. */
        SERVED,
        /** The commit did not validate; the last good one still answers. */
        REJECTED,
        /** The commit could not be read (an I/O fault, not the authors'); the last good one still answers. */
        FAILED;

        /** As the API, the load log and metrics write it. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Outcome of(String label) {
            return valueOf(label.toUpperCase(Locale.ROOT));
        }
    }
}
