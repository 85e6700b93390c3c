package io.vtp.signalling.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One presence of a user in a room, from join to leave (live attendance). */
@Entity
@Table(name = "participant_sessions")
public class ParticipantSession {

    @Id
    public UUID id;

    @Column(name = "room_id", nullable = false)
    public UUID roomId;

    @Column(name = "user_id", nullable = false)
    public UUID userId;

    @Column(nullable = false)
    public String role;

    @Column(name = "instance_id", nullable = false)
    public String instanceId;

    @Column(name = "joined_at", nullable = false)
    public Instant joinedAt;

    @Column(name = "left_at")
    public Instant leftAt;

    public String reason;
}
