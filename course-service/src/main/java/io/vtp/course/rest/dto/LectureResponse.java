package io.vtp.course.rest.dto;

import io.vtp.course.domain.CourseRecording;
import io.vtp.course.domain.KnownRecording;
import io.vtp.course.service.Lecture;

import java.time.Instant;
import java.util.UUID;

/**
 * A recording of a course (the reference shape plus {@code title}, {@code duration_seconds} and
 * {@code media_ready} from the recording and media events).
 */
public record LectureResponse(UUID id, UUID courseId, UUID recordingId, Integer lectureNumber, String lectureTitle,
                              String title, Double durationSeconds, int sequenceOrder, boolean isPublished,
                              Instant publishedAt, boolean mediaReady, Instant createdAt) {

    public static LectureResponse of(Lecture lecture) {
        CourseRecording l = lecture.link();
        KnownRecording r = lecture.recording();
        return new LectureResponse(l.id, l.courseId, l.recordingId, l.lectureNumber, l.lectureTitle,
                r == null ? null : r.title, r == null ? null : r.durationSeconds, l.sequenceOrder, l.published,
                l.publishedAt, r != null && r.mediaReady, l.addedAt);
    }
}
