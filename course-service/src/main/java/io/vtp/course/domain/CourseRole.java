package io.vtp.course.domain;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import static io.vtp.course.domain.Capability.DELETE_COURSE;
import static io.vtp.course.domain.Capability.MANAGE_ENROLLMENTS;
import static io.vtp.course.domain.Capability.MANAGE_PERMISSIONS;
import static io.vtp.course.domain.Capability.MANAGE_RECORDINGS;
import static io.vtp.course.domain.Capability.VIEW_ALL_RECORDINGS;
import static io.vtp.course.domain.Capability.VIEW_COURSE;
import static io.vtp.course.domain.Capability.VIEW_ENROLLMENTS;
import static io.vtp.course.domain.Capability.VIEW_PUBLISHED_RECORDINGS;
import static io.vtp.course.domain.Capability.VIEW_STATS;

/**
 * A user's role in one course, and the single table of what each role may do (documented in the
 * service README). Platform administrators hold every capability in every course.
 */
public enum CourseRole {
    OWNER(EnumSet.allOf(Capability.class)),
    INSTRUCTOR(EnumSet.complementOf(EnumSet.of(DELETE_COURSE, MANAGE_PERMISSIONS))),
    TA(EnumSet.of(VIEW_COURSE, VIEW_ENROLLMENTS, MANAGE_ENROLLMENTS, VIEW_PUBLISHED_RECORDINGS,
            VIEW_ALL_RECORDINGS, MANAGE_RECORDINGS, VIEW_STATS)),
    STUDENT(EnumSet.of(VIEW_COURSE, VIEW_PUBLISHED_RECORDINGS)),
    VIEWER(EnumSet.of(VIEW_COURSE, VIEW_PUBLISHED_RECORDINGS));

    private final Set<Capability> capabilities;

    CourseRole(Set<Capability> capabilities) {
        this.capabilities = Set.copyOf(capabilities);
    }

    public Set<Capability> capabilities() {
        return capabilities;
    }

    /** Owners, instructors and TAs: the people who teach the course. */
    public boolean isStaff() {
        return this == OWNER || this == INSTRUCTOR || this == TA;
    }

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<CourseRole> parse(String value) {
        return Arrays.stream(values()).filter(s -> s.value().equals(value)).findFirst();
    }

    @jakarta.persistence.Converter(autoApply = true)
    public static class Converter extends ValueConverter<CourseRole> {
        public Converter() {
            super(CourseRole::value, CourseRole::parse);
        }
    }
}
