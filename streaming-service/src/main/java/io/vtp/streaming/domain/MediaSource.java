package io.vtp.streaming.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A completed recording as vtp.recordings announced it: the source of its ladder, and who owns it. */
@Entity
@Table(name = "media_sources")
public class MediaSource {

    @Id
    @Column(name = "recording_id")
    public UUID recordingId;

    @Column(name = "owner_id")
    public UUID ownerId;

    @Column(name = "course_id")
    public UUID courseId;

    public String title;

    @Column(name = "storage_key")
    public String storageKey;

    @Column(name = "duration_seconds")
    public double durationSeconds;

    public Integer width;

    public Integer height;

    @Column(name = "has_video")
    public boolean hasVideo;

    @Column(name = "has_audio")
    public boolean hasAudio;

    public boolean deleted;

    @Column(name = "completed_at")
    public Instant completedAt;
}
