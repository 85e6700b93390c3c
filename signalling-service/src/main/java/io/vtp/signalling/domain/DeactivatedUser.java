package io.vtp.signalling.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A user auth-service deactivated (vtp.users). */
@Entity
@Table(name = "deactivated_users")
public class DeactivatedUser {

    @Id
    @Column(name = "user_id")
    public UUID userId;

    @Column(name = "deactivated_at", nullable = false)
    public Instant deactivatedAt;
}
