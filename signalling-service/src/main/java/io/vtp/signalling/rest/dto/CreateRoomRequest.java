package io.vtp.signalling.rest.dto;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code POST /api/v1/signalling/room/create}. */
public record CreateRoomRequest(
        String roomId,
        @NotBlank @Size(max = 200) String roomName,
        String courseId,
        Integer maxParticipants) {
}
