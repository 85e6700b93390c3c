package io.vtp.course.rest.dto;

import io.vtp.course.domain.Capability;
import io.vtp.course.service.Permission;

import java.util.List;
import java.util.UUID;

/** A user's role in a course (null: none) and its capabilities. */
public record PermissionResponse(UUID courseId, UUID userId, String role, List<String> capabilities) {

    public static PermissionResponse of(Permission p) {
        return new PermissionResponse(p.courseId(), p.userId(), p.role() == null ? null : p.role().value(),
                p.capabilities().stream().sorted().map(Capability::value).toList());
    }
}
