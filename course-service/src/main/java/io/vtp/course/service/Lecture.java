package io.vtp.course.service;

import io.vtp.course.domain.CourseRecording;
import io.vtp.course.domain.KnownRecording;

/** A course recording with what the recording projection knows of it (null when nothing yet). */
public record Lecture(CourseRecording link, KnownRecording recording) {
}
