package io.vtp.course.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** What course-service knows of a user, from auth-service's events on vtp.users. */
@Entity
@Table(name = "known_users")
public class KnownUser {

    @Id
    public UUID id;

    public String email;

    @Column(name = "full_name")
    public String fullName;

    /** Platform role: student, instructor or admin. */
    public String role;

    public boolean active;

    /** Time of the event this row reflects; older events never overwrite it. */
    @Column(name = "changed_at")
    public Instant changedAt;
}
