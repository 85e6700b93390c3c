package io.vtp.auth.domain;

import java.util.Locale;
import java.util.Optional;

/** Platform roles; course-level capabilities live in course-service. */
public enum Role {
    STUDENT, INSTRUCTOR, ADMIN;

    /** The lower-case name used in JSON, tokens ({@code groups}) and the database. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a role name; {@code teacher} is accepted as an alias of instructor. */
    public static Optional<Role> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "student" -> Optional.of(STUDENT);
            case "instructor", "teacher" -> Optional.of(INSTRUCTOR);
            case "admin" -> Optional.of(ADMIN);
            default -> Optional.empty();
        };
    }
}
