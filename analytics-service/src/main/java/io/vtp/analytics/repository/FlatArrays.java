package io.vtp.analytics.repository;

import java.util.ArrayList;
import java.util.List;

/**
 * Arrays of many rows sent as ONE flat array parameter, in PostgreSQL's binary form: nothing to
 * format as text per value in Java nor to parse per value in PostgreSQL. Each row selects its own
 * values with a slice, {@code ($n::float8[])[first:last]} (1-based, inclusive; {@code first = last + 1}
 * gives an empty array), its bounds sent as two more columns.
 */
final class FlatArrays {

    private final List<Double> doubles = new ArrayList<>();
    private final List<Integer> ints = new ArrayList<>();

    /** Appends {@code row} to the flat float8 array; answers its slice's 1-based {first, last}. */
    int[] add(double[] row) {
        int first = doubles.size() + 1;
        for (double v : row) {
            doubles.add(v);
        }
        return new int[] {first, doubles.size()};
    }

    /** Appends {@code row} to the flat int array; answers its slice's 1-based {first, last}. */
    int[] add(int[] row) {
        int first = ints.size() + 1;
        for (int v : row) {
            ints.add(v);
        }
        return new int[] {first, ints.size()};
    }

    /** The float8 parameter. */
    Double[] doubles() {
        return doubles.toArray(new Double[0]);
    }

    /** The int parameter. */
    Integer[] ints() {
        return ints.toArray(new Integer[0]);
    }
}
