package io.vtp.course.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * What course-service knows of a recording, from recording-service's events (existence, owner,
 * deletion) and streaming-service's (the ABR ladder is ready).
 */
@Entity
@Table(name = "known_recordings")
public class KnownRecording {

    public static final String UNKNOWN = "unknown";
    public static final String RECORDING = "recording";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";
    public static final String DELETED = "deleted";

    @Id
    public UUID id;

    @Column(name = "owner_id")
    public UUID ownerId;

    public String title;

    /** unknown (only a media event seen so far), recording, completed, failed or deleted. */
    public String status;

    @Column(name = "duration_seconds")
    public Double durationSeconds;

    @Column(name = "media_ready")
    public boolean mediaReady;

    @Column(name = "changed_at")
    public Instant changedAt;

    /** Known from recording-service and not deleted. */
    public boolean exists() {
        return ownerId != null && !DELETED.equals(status) && !UNKNOWN.equals(status);
    }
}
