package io.vtp.course.rest.dto;

import io.vtp.course.service.JoinCode;

import java.time.Instant;
import java.util.UUID;

public record JoinCodeResponse(UUID courseId, String joinCode, Instant expiresAt) {

    public static JoinCodeResponse of(JoinCode code) {
        return new JoinCodeResponse(code.courseId(), code.code(), code.expiresAt());
    }
}
