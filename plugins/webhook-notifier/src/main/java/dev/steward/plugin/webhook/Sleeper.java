package dev.steward.plugin.webhook;

import java.time.Duration;

/** Waits between delivery attempts; tests inject one that records instead of sleeping. */
@FunctionalInterface
interface Sleeper {

    Sleeper REAL = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
