package io.vtp.kit.http;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Route prefixes of per-route body limits, with and without {@code *} segments. */
class BodyLimitPrefixTest {

    @Test
    void plainPrefixesMatchByStartsWith() {
        assertTrue(BodyLimits.matchesPrefix("/api/v1/recordings/import", "/api/v1/recordings/import"));
        assertTrue(BodyLimits.matchesPrefix("/api/v1/recordings/import", "/api/v1/recordings/import/x"));
        assertFalse(BodyLimits.matchesPrefix("/api/v1/recordings/import", "/api/v1/recordings"));
    }

    @Test
    void aStarSegmentMatchesExactlyOneNonEmptySegment() {
        String prefix = "/api/v1/courses/*/enrollments:import";
        assertTrue(BodyLimits.matchesPrefix(prefix, "/api/v1/courses/5f0c/enrollments:import"));
        assertFalse(BodyLimits.matchesPrefix(prefix, "/api/v1/courses//enrollments:import"));
        assertFalse(BodyLimits.matchesPrefix(prefix, "/api/v1/courses/a/b/enrollments:import"));
        assertFalse(BodyLimits.matchesPrefix(prefix, "/api/v1/courses/5f0c/enrollments"));
        assertFalse(BodyLimits.matchesPrefix(prefix, "/api/v1/courses/5f0c"));
        assertFalse(BodyLimits.matchesPrefix(prefix, "/api/v1/other/5f0c/enrollments:import"));
    }
}
