package io.vtp.analytics.service;

import java.util.UUID;

/** Who asks for a report: the caller's user id and platform role (student, instructor, admin). */
public record Actor(UUID id, String role) {

    public boolean isAdmin() {
        return "admin".equals(role);
    }

    /** Instructors and admins may be course staff; a student never is. */
    public boolean isStaff() {
        return "instructor".equals(role) || isAdmin();
    }
}
