package io.vtp.recording.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * A lecture recording: captured in the browser chunk by chunk, or imported as a file. Its media
 * lives in the MediaStore under {@code raw/{id}/}; this row holds what the media is.
 */
@Entity
@Table(name = "recordings")
public class Recording {

    @Id
    public UUID id;

    public String title;

    public String description;

    @Column(name = "room_id")
    public UUID roomId;

    @Column(name = "course_id")
    public UUID courseId;

    @Column(name = "owner_id")
    public UUID ownerId;

    /** {@link RecordingSource#value()}. */
    public String source;

    /** {@link RecordingStatus#value()}. */
    public String status;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "stopped_at")
    public Instant stoppedAt;

    @Column(name = "completed_at")
    public Instant completedAt;

    @Column(name = "last_activity_at")
    public Instant lastActivityAt;

    @Column(name = "chunk_count")
    public int chunkCount;

    @Column(name = "chunk_bytes")
    public long chunkBytes;

    @Column(name = "source_key")
    public String sourceKey;

    @Column(name = "original_filename")
    public String originalFilename;

    @Column(name = "storage_key")
    public String storageKey;

    @Column(name = "mime_type")
    public String mimeType;

    @Column(name = "size_bytes")
    public Long sizeBytes;

    public String etag;

    public String container;

    @Column(name = "duration_seconds")
    public Double durationSeconds;

    public Long bitrate;

    @Column(name = "video_codec")
    public String videoCodec;

    @Column(name = "audio_codec")
    public String audioCodec;

    public Integer width;

    public Integer height;

    public Double fps;

    @Column(name = "sample_rate")
    public Integer sampleRate;

    public Integer channels;

    @Column(name = "error_stage")
    public String errorStage;

    @Column(name = "error_message")
    public String errorMessage;

    @Column(name = "processing_lease_until")
    public Instant processingLeaseUntil;

    @Column(name = "processing_attempts")
    public int processingAttempts;

    @Column(name = "deleted_at")
    public Instant deletedAt;

    @Column(name = "deleted_by")
    public UUID deletedBy;

    @Column(name = "media_purged_at")
    public Instant mediaPurgedAt;

    public RecordingStatus status() {
        return RecordingStatus.of(status);
    }

    public boolean isDeleted() {
        return deletedAt != null;
    }
}
