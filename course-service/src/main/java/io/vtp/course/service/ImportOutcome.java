package io.vtp.course.service;

import java.util.Locale;

/** What a roster import did with one line. */
public enum ImportOutcome {
    ENROLLED, ALREADY_ENROLLED, UNKNOWN_USER, COURSE_FULL, INVALID_EMAIL, DUPLICATE_LINE, OTHER_ROLE, INACTIVE_USER;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
