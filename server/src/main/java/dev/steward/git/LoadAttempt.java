package dev.steward.git;

import java.time.Instant;

/** One attempt to load a commit: when, how long, and whether it is now served. */
public record LoadAttempt(String commit, String ref, Instant startedAt, long millis, String outcome, int entities,
                          int errors, String firstError) {
    public static final String SERVED = "served";
    public static final String REJECTED = "rejected";
    public static final String FAILED = "failed";
}
