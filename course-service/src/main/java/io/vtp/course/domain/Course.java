package io.vtp.course.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "courses")
public class Course {

    @Id
    public UUID id;

    public String code;

    public String name;

    public String description;

    public String department;

    public String semester;

    public Integer year;

    @Column(name = "max_students")
    public Integer maxStudents;

    public CourseStatus status;

    @Column(name = "enrollment_mode")
    public EnrollmentMode enrollmentMode;

    /** The primary owner (the creator, or another owner once the creator is no longer one). */
    @Column(name = "owner_id")
    public UUID ownerId;

    @Column(name = "join_code")
    public String joinCode;

    @Column(name = "join_code_expires_at")
    public Instant joinCodeExpiresAt;

    /** Active students; changed only under the course's row lock. */
    @Column(name = "enrolled_count")
    public int enrolledCount;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public boolean hasRoom() {
        return maxStudents == null || enrolledCount < maxStudents;
    }
}
