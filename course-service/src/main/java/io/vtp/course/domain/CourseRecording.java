package io.vtp.course.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A recording attached to a course as a lecture; students see it once published. */
@Entity
@Table(name = "course_recordings")
public class CourseRecording {

    @Id
    public UUID id;

    @Column(name = "course_id")
    public UUID courseId;

    @Column(name = "recording_id")
    public UUID recordingId;

    @Column(name = "lecture_number")
    public Integer lectureNumber;

    @Column(name = "lecture_title")
    public String lectureTitle;

    @Column(name = "sequence_order")
    public int sequenceOrder;

    public boolean published;

    @Column(name = "published_at")
    public Instant publishedAt;

    @Column(name = "added_by")
    public UUID addedBy;

    @Column(name = "added_at")
    public Instant addedAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
