package io.vtp.recording.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A resumable (tus 1.0) upload in progress; it becomes a recording when its last byte arrives. */
@Entity
@Table(name = "uploads")
public class Upload {

    @Id
    public UUID id;

    @Column(name = "owner_id")
    public UUID ownerId;

    public String title;

    public String filename;

    /** The client's Upload-Metadata header, echoed on HEAD as tus asks. */
    public String metadata;

    @Column(name = "upload_length")
    public long uploadLength;

    @Column(name = "upload_offset")
    public long uploadOffset;

    /** Set once the upload is complete and became this recording. */
    @Column(name = "recording_id")
    public UUID recordingId;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    public boolean isComplete() {
        return uploadOffset == uploadLength;
    }
}
