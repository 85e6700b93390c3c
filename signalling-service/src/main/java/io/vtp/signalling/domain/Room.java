package io.vtp.signalling.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A live class room: open until its owner, an admin or the platform closes it. */
@Entity
@Table(name = "rooms")
public class Room {

    public static final String OPEN = "open";
    public static final String CLOSED = "closed";

    @Id
    public UUID id;

    @Column(nullable = false)
    public String name;

    @Column(name = "course_id")
    public UUID courseId;

    @Column(name = "created_by", nullable = false)
    public UUID createdBy;

    @Column(name = "max_participants", nullable = false)
    public int maxParticipants;

    @Column(nullable = false)
    public String status;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "closed_at")
    public Instant closedAt;

    @Column(name = "closed_by")
    public UUID closedBy;

    public boolean isOpen() {
        return OPEN.equals(status);
    }
}
