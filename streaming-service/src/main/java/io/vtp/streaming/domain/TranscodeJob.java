package io.vtp.streaming.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * One run of the ladder over a recording: queued, running (leased by one instance, with progress),
 * then completed, failed (with a reason) or cancelled.
 */
@Entity
@Table(name = "transcode_jobs")
public class TranscodeJob {

    @Id
    public UUID id;

    @Column(name = "recording_id")
    public UUID recordingId;

    /** {@link JobStatus#value()}. */
    public String status;

    /** The requested rungs as JSON, {@code [{"height":720,"bitrate_kbps":2000}, ...]}. */
    public String rungs;

    /** Whether the rungs were asked for ({@code POST transcode/quality}) rather than the default ladder. */
    public boolean custom;

    @Column(name = "requested_by")
    public UUID requestedBy;

    /** queued, probing, encoding, packaging, thumbnails, finalizing. */
    public String stage;

    public double percent;

    public int attempts;

    @Column(name = "lease_until")
    public Instant leaseUntil;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    @Column(name = "progress_at")
    public Instant progressAt;

    @Column(name = "error_stage")
    public String errorStage;

    @Column(name = "error_message")
    public String errorMessage;

    public JobStatus jobStatus() {
        return JobStatus.of(status);
    }
}
