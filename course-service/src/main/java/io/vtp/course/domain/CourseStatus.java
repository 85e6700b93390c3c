package io.vtp.course.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A course's lifecycle: drafts are private to its members; only active courses take self-enrolment. */
public enum CourseStatus {
    DRAFT, ACTIVE, ARCHIVED, COMPLETED;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<CourseStatus> parse(String value) {
        return Arrays.stream(values()).filter(s -> s.value().equals(value)).findFirst();
    }

    @jakarta.persistence.Converter(autoApply = true)
    public static class Converter extends ValueConverter<CourseStatus> {
        public Converter() {
            super(CourseStatus::value, CourseStatus::parse);
        }
    }
}
