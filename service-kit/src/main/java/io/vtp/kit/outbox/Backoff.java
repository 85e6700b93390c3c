package io.vtp.kit.outbox;

import java.time.Duration;

/** Exponential backoff: {@code initial}, doubled per failed attempt, capped at {@code max}. */
record Backoff(Duration initial, Duration max) {

    /** The wait before retry number {@code attempt} (0 = the first retry). */
    Duration delay(int attempt) {
        long millis = initial.toMillis() << Math.min(Math.max(attempt, 0), 20);
        return Duration.ofMillis(Math.max(1, Math.min(millis, max.toMillis())));
    }
}
