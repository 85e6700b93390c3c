package io.vtp.recording.service;

import java.util.UUID;

/** Who asks: the caller's user id and platform role (from the verified token), as services see it. */
public record Actor(UUID id, String platformRole) {

    public boolean isAdmin() {
        return "admin".equals(platformRole);
    }

    /** Instructors and administrators may record and import. */
    public boolean mayRecord() {
        return "admin".equals(platformRole) || "instructor".equals(platformRole);
    }
}
