package io.vtp.streaming.domain;

/** Where a transcode job is. */
public enum JobStatus {
    QUEUED, RUNNING, COMPLETED, FAILED, CANCELLED;

    public String value() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public boolean active() {
        return this == QUEUED || this == RUNNING;
    }

    public static JobStatus of(String value) {
        return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
}
