package io.vtp.course.domain;

/** What a course role allows. {@link CourseRole} maps roles to these; every check uses that table. */
public enum Capability {
    VIEW_COURSE("course:view"),
    EDIT_COURSE("course:edit"),
    DELETE_COURSE("course:delete"),
    MANAGE_PERMISSIONS("permissions:manage"),
    VIEW_ENROLLMENTS("enrollments:view"),
    MANAGE_ENROLLMENTS("enrollments:manage"),
    VIEW_PUBLISHED_RECORDINGS("recordings:view_published"),
    VIEW_ALL_RECORDINGS("recordings:view_all"),
    MANAGE_RECORDINGS("recordings:manage"),
    PUBLISH_RECORDINGS("recordings:publish"),
    VIEW_STATS("stats:view");

    private final String value;

    Capability(String value) {
        this.value = value;
    }

    /** The name clients see, e.g. {@code recordings:publish}. */
    public String value() {
        return value;
    }
}
