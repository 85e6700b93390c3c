package io.vtp.streaming.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** The published ladder of a recording: what its master playlist lists. Replaced only by a complete one. */
@Entity
@Table(name = "renditions")
public class Rendition {

    @Id
    @Column(name = "recording_id")
    public UUID recordingId;

    @Column(name = "job_id")
    public UUID jobId;

    /** Storage prefix of the files, {@code renditions/{recordingId}/{jobId}/}. */
    public String prefix;

    @Column(name = "duration_seconds")
    public double durationSeconds;

    /** {@link io.vtp.streaming.media.Ladder} as JSON. */
    public String ladder;

    @Column(name = "published_at")
    public Instant publishedAt;
}
