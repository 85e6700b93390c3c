package io.vtp.analytics.ingest;

import io.vtp.analytics.domain.Intervals;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IntervalsTest {

    @Test
    void mergesOverlappingAndTouchingIntervalsInAnyOrder() {
        double[] a = Intervals.add(Intervals.NONE, 30, 40);
        a = Intervals.add(a, 0, 10);
        a = Intervals.add(a, 10, 20);      // touches: merged
        a = Intervals.add(a, 35, 50);      // overlaps
        a = Intervals.add(a, 60, 60);      // empty: ignored
        assertArrayEquals(new double[]{0, 20, 30, 50}, a);
        assertEquals(40, Intervals.covered(a));
        assertArrayEquals(new double[]{0, 50}, Intervals.add(a, 15, 35));
    }

    @Test
    void overlapIsSpreadOverBuckets() {
        double[] a = {0, 25};
        double[] perBucket = new double[4];
        double overlap = Intervals.overlap(a, 5, 40, 10, perBucket, 0);
        assertEquals(20, overlap);
        assertArrayEquals(new double[]{5, 10, 5, 0}, perBucket);
    }

    @Test
    void bucketsAreReachedByAnyPositiveLength() {
        double[] a = {9.5, 10};
        assertTrue(Intervals.coversBucket(a, 0, 10));
        assertFalse(Intervals.coversBucket(a, 1, 10));
        assertEquals(0, Intervals.lastBucket(a, 10));
        assertEquals(-1, Intervals.lastBucket(Intervals.NONE, 10));
    }
}
