package io.vtp.recording.domain;

/** Where a recording's media comes from (the {@code source} of vtp.recording.started.v1). */
public enum RecordingSource {
    /** MediaRecorder chunks sent by a browser. */
    BROWSER("browser"),
    /** A file imported whole (raw body or multipart) or resumably (tus). */
    UPLOAD("upload");

    private final String value;

    RecordingSource(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }
}
