package io.vtp.course.service;

/** A course as one caller sees it, with its counts. */
public record CourseDetail(CourseAccess access, long recordingCount, long publishedRecordingCount) {
}
