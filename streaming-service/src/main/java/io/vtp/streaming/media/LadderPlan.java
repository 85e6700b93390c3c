package io.vtp.streaming.media;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The renditions to encode from one source: the requested rungs that do not exceed the source's
 * resolution (at least one: a source smaller than every rung gets one rung at its own size), each
 * sized to keep the source's aspect ratio with even dimensions, plus one AAC audio rendition when
 * the source has sound. A source without video gets an audio-only ladder.
 *
 * @param video the video renditions, lowest first; empty for an audio-only source
 * @param audio whether an audio rendition is made
 * @param fps   the frame rate of every rung (the source's, capped)
 */
public record LadderPlan(List<Planned> video, boolean audio, double fps, double durationSeconds) {

    /** One video rendition: its name (e.g. {@code 720p}), picture size and bit rate cap. */
    public record Planned(String name, int width, int height, int bitrateKbps) {
    }

    /** What the plan needs to know of the source. */
    public record Source(Integer width, Integer height, double fps, boolean hasAudio, double durationSeconds) {
        boolean hasVideo() {
            return width != null && height != null && width > 0 && height > 0;
        }
    }

    public static LadderPlan of(Source source, List<Rung> rungs, int maxFps) {
        if (!source.hasVideo()) {
            return new LadderPlan(List.of(), source.hasAudio(), 0, source.durationSeconds());
        }
        int w = source.width();
        int h = source.height();
        int shortSide = Math.min(w, h);
        List<Rung> sorted = rungs.stream().sorted(Comparator.comparingInt(Rung::height)).distinct().toList();
        List<Planned> planned = new ArrayList<>();
        for (Rung rung : sorted) {
            if (rung.height() <= shortSide && planned.stream().noneMatch(p -> p.name().equals(rung.height() + "p"))) {
                planned.add(sized(w, h, rung.height(), rung.bitrateKbps()));
            }
        }
        if (planned.isEmpty()) { // smaller than every rung: one rung at the source's own size
            int own = even(shortSide);
            planned.add(sized(w, h, own, sorted.get(0).bitrateKbps()));
        }
        double fps = source.fps() > 0 ? Math.min(source.fps(), maxFps) : maxFps;
        return new LadderPlan(List.copyOf(planned), source.hasAudio(), fps, source.durationSeconds());
    }

    private static Planned sized(int w, int h, int shortSide, int kbps) {
        int s = even(shortSide);
        int width;
        int height;
        if (w >= h) {
            height = s;
            width = even((int) Math.round((double) w * s / h));
        } else {
            width = s;
            height = even((int) Math.round((double) h * s / w));
        }
        return new Planned(shortSide + "p", width, height, kbps);
    }

    private static int even(int n) {
        int e = n - (n % 2);
        return Math.max(2, e);
    }

    public boolean hasVideo() {
        return !video.isEmpty();
    }
}
