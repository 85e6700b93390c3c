package io.vtp.course.rest.dto;

import java.util.List;

/** A course's recordings in sequence order: {@code {recordings: [...], total}}. */
public record LectureListResponse(List<LectureResponse> recordings, int total) {
}
