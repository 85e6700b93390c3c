package io.vtp.course.service;

import java.util.Optional;
import java.util.UUID;

/** Who asks: the caller's user id and platform role (from the verified token), as services see it. */
public record Actor(UUID id, String platformRole, Optional<String> name, Optional<String> email) {

    public boolean isAdmin() {
        return "admin".equals(platformRole);
    }

    public boolean isInstructor() {
        return "instructor".equals(platformRole);
    }

    public boolean isStudent() {
        return "student".equals(platformRole);
    }
}
