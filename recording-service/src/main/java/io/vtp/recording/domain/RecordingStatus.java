package io.vtp.recording.domain;

/** Where a recording is in its life: recording -> processing -> completed | failed. */
public enum RecordingStatus {
    /** The browser is sending chunks. */
    RECORDING("recording"),
    /** Stopped or uploaded; FFmpeg assembles, remuxes and probes it. */
    PROCESSING("processing"),
    /** A well-formed file with known metadata is in the store. */
    COMPLETED("completed"),
    /** Nothing playable came of it; {@code error_message} says why. */
    FAILED("failed");

    private final String value;

    RecordingStatus(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static RecordingStatus of(String value) {
        for (RecordingStatus s : values()) {
            if (s.value.equals(value)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown recording status " + value);
    }

    /** The status named by a query parameter, or null when it names none. */
    public static RecordingStatus parse(String value) {
        for (RecordingStatus s : values()) {
            if (s.value.equals(value)) {
                return s;
            }
        }
        return null;
    }
}
