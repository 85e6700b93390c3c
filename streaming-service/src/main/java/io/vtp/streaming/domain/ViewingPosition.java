package io.vtp.streaming.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A viewer's last reported position in a recording (to resume), and the viewing session it is part of. */
@Entity
@Table(name = "viewing_positions")
@IdClass(ViewingPosition.Key.class)
public class ViewingPosition {

    @Id
    @Column(name = "user_id")
    public UUID userId;

    @Id
    @Column(name = "recording_id")
    public UUID recordingId;

    @Column(name = "session_id")
    public UUID sessionId;

    @Column(name = "position_seconds")
    public double positionSeconds;

    @Column(name = "last_event")
    public String lastEvent;

    @Column(name = "session_started_at")
    public Instant sessionStartedAt;

    /** Seconds of media watched in this session (its accepted intervals added up, at most the duration). */
    @Column(name = "session_watched_seconds")
    public double sessionWatchedSeconds;

    @Column(name = "reported_at")
    public Instant reportedAt;

    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        public UUID userId;
        public UUID recordingId;

        public Key() {
        }

        public Key(UUID userId, UUID recordingId) {
            this.userId = userId;
            this.recordingId = recordingId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(userId, k.userId) && Objects.equals(recordingId, k.recordingId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(userId, recordingId);
        }
    }
}
