package io.vtp.course.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A user's role in a course. A member with role student is an enrolment. */
@Entity
@Table(name = "course_members")
public class CourseMember {

    @Id
    public UUID id;

    @Column(name = "course_id")
    public UUID courseId;

    @Column(name = "user_id")
    public UUID userId;

    public CourseRole role;

    /** Who added the member; null when they joined by themselves (or created the course). */
    @Column(name = "added_by")
    public UUID addedBy;

    @Column(name = "joined_at")
    public Instant joinedAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** A new member joining at {@code at}. */
    public static CourseMember of(UUID courseId, UUID userId, CourseRole role, UUID addedBy, Instant at) {
        CourseMember member = new CourseMember();
        member.id = UUID.randomUUID();
        member.courseId = courseId;
        member.userId = userId;
        member.role = role;
        member.addedBy = addedBy;
        member.joinedAt = at;
        member.updatedAt = at;
        return member;
    }
}
