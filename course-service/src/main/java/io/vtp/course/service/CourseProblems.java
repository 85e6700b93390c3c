package io.vtp.course.service;

import io.vtp.kit.problem.ProblemKind;

/** course-service's own problem types (https://vtp.io/problems/<slug>); slugs are public API. */
public final class CourseProblems {

    public static final ProblemKind CODE_TAKEN = ProblemKind.of("course-code-taken", "Course code already in use", 409);
    public static final ProblemKind COURSE_FULL = ProblemKind.of("course-full", "Course is full", 409);
    public static final ProblemKind ENROLLMENT_CLOSED = ProblemKind.of("enrollment-closed", "Enrolment is closed", 403);
    public static final ProblemKind JOIN_CODE_INVALID = ProblemKind.of("join-code-invalid", "Join code is wrong or expired", 403);
    public static final ProblemKind UNKNOWN_USER = ProblemKind.of("unknown-user", "Unknown user", 422);
    public static final ProblemKind UNKNOWN_RECORDING = ProblemKind.of("unknown-recording", "Unknown recording", 422);
    public static final ProblemKind RECORDING_NOT_YOURS = ProblemKind.of("recording-not-yours",
            "Recording belongs to someone outside the course staff", 403);
    public static final ProblemKind MEDIA_NOT_READY = ProblemKind.of("media-not-ready", "Recording is not ready to stream", 409);
    public static final ProblemKind LAST_OWNER = ProblemKind.of("last-owner", "A course needs an owner", 409);
    public static final ProblemKind OTHER_ROLE = ProblemKind.of("member-has-other-role",
            "User already has another role in the course", 409);
    public static final ProblemKind CAPACITY_BELOW_ENROLLED = ProblemKind.of("capacity-below-enrolment",
            "Capacity below current enrolment", 409);

    private CourseProblems() {
    }
}
