package io.vtp.analytics.repository;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** Slice bounds as PostgreSQL reads them: 1-based, inclusive, an empty row as first = last + 1. */
class FlatArraysTest {

    @Test
    void rowsAreConcatenatedAndEachNamesItsSlice() {
        FlatArrays flat = new FlatArrays();
        assertArrayEquals(new int[] {1, 2}, flat.add(new double[] {1.5, 30}));
        assertArrayEquals(new int[] {3, 2}, flat.add(new double[0]));
        assertArrayEquals(new int[] {3, 5}, flat.add(new double[] {0, -2.25, 7}));
        assertArrayEquals(new Double[] {1.5, 30.0, 0.0, -2.25, 7.0}, flat.doubles());

        assertArrayEquals(new int[] {1, 0}, flat.add(new int[0]));
        assertArrayEquals(new int[] {1, 3}, flat.add(new int[] {4, 0, 1}));
        assertArrayEquals(new int[] {4, 4}, flat.add(new int[] {9}));
        assertArrayEquals(new Integer[] {4, 0, 1, 9}, flat.ints());
    }

    @Test
    void noRowsGiveEmptyParameters() {
        FlatArrays flat = new FlatArrays();
        assertArrayEquals(new Double[0], flat.doubles());
        assertArrayEquals(new Integer[0], flat.ints());
    }
}
