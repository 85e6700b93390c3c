package io.vtp.analytics.domain;

import java.util.Arrays;

/**
 * Merged watched intervals of one student and one lecture: half-open {@code [from, to)} pairs in
 * media seconds, flattened into one array ({@code from0, to0, from1, to1, ...}), ascending and
 * disjoint (touching intervals are merged). Coverage is their total length: seeking back and
 * watching again covers nothing new, it is rewatching.
 */
public final class Intervals {

    public static final double[] NONE = new double[0];

    private Intervals() {
    }

    /** {@code merged} with {@code [from, to)} added (a new array; the argument is not changed). */
    public static double[] add(double[] merged, double from, double to) {
        if (!(to > from)) {
            return merged;
        }
        double[] out = new double[merged.length + 2];
        int n = 0;
        int i = 0;
        while (i < merged.length && merged[i + 1] < from) {
            out[n++] = merged[i];
            out[n++] = merged[i + 1];
            i += 2;
        }
        double start = from;
        double end = to;
        while (i < merged.length && merged[i] <= end) {
            start = Math.min(start, merged[i]);
            end = Math.max(end, merged[i + 1]);
            i += 2;
        }
        out[n++] = start;
        out[n++] = end;
        while (i < merged.length) {
            out[n++] = merged[i];
            out[n++] = merged[i + 1];
            i += 2;
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    /** Total length of the merged intervals. */
    public static double covered(double[] merged) {
        double sum = 0;
        for (int i = 0; i < merged.length; i += 2) {
            sum += merged[i + 1] - merged[i];
        }
        return sum;
    }

    /**
     * Seconds of {@code [from, to)} already covered by {@code merged}, spread over buckets of
     * {@code bucketSeconds}: adds each bucket's share to {@code perBucket} (indexed from
     * {@code firstBucket}) and returns the total.
     */
    public static double overlap(double[] merged, double from, double to, int bucketSeconds, double[] perBucket, int firstBucket) {
        double total = 0;
        for (int i = 0; i < merged.length && merged[i] < to; i += 2) {
            double a = Math.max(from, merged[i]);
            double b = Math.min(to, merged[i + 1]);
            if (b > a) {
                total += b - a;
                spread(a, b, bucketSeconds, perBucket, firstBucket);
            }
        }
        return total;
    }

    /** Adds the length of {@code [a, b)} that falls in each bucket to {@code perBucket}. */
    static void spread(double a, double b, int bucketSeconds, double[] perBucket, int firstBucket) {
        int bucket = (int) Math.floor(a / bucketSeconds);
        while (a < b) {
            double bucketEnd = (double) (bucket + 1) * bucketSeconds;
            double end = Math.min(b, bucketEnd);
            int index = bucket - firstBucket;
            if (index >= 0 && index < perBucket.length) {
                perBucket[index] += end - a;
            }
            a = end;
            bucket++;
        }
    }

    /**
     * Whether any part of bucket {@code bucket} ({@code [bucket * s, (bucket + 1) * s)}) is
     * covered: the viewer reached it.
     */
    public static boolean coversBucket(double[] merged, int bucket, int bucketSeconds) {
        double a = (double) bucket * bucketSeconds;
        double b = a + bucketSeconds;
        for (int i = 0; i < merged.length && merged[i] < b; i += 2) {
            if (merged[i + 1] > a) {
                return true;
            }
        }
        return false;
    }

    /** The last bucket any interval reaches into, or -1 when empty. */
    public static int lastBucket(double[] merged, int bucketSeconds) {
        if (merged.length == 0) {
            return -1;
        }
        double end = merged[merged.length - 1];
        return (int) Math.ceil(end / bucketSeconds) - 1;
    }

    /** The first bucket any interval reaches into, or -1 when empty. */
    public static int firstBucket(double[] merged, int bucketSeconds) {
        return merged.length == 0 ? -1 : (int) Math.floor(merged[0] / bucketSeconds);
    }
}
