package io.vtp.recording.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One received MediaRecorder chunk. Mapped so that its reads are HQL, which Hibernate plans once:
 * Hibernate Reactive plans a native select again at every execution (service-kit README), and
 * this one runs for every chunk. Writes stay native ({@code on conflict do nothing}).
 */
@Entity
@Table(name = "recording_chunks")
@IdClass(RecordingChunk.Key.class)
public class RecordingChunk {

    @Id
    @Column(name = "recording_id")
    public UUID recordingId;

    @Id
    public int seq;

    @Column(name = "size_bytes")
    public int sizeBytes;

    public String sha256;

    @Column(name = "storage_key")
    public String storageKey;

    @Column(name = "received_at")
    public Instant receivedAt;

    /** The primary key (recording_id, seq). */
    public static class Key implements Serializable {
        public UUID recordingId;
        public int seq;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && seq == k.seq && Objects.equals(recordingId, k.recordingId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(recordingId, seq);
        }
    }
}
