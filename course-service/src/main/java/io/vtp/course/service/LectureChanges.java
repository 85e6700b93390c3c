package io.vtp.course.service;

import java.util.UUID;

/** A recording to attach to a course, with how students see it (nulls: no number, the recording's title, at the end). */
public record LectureChanges(UUID recordingId, Integer lectureNumber, String lectureTitle, Integer sequenceOrder) {
}
