package io.vtp.kit.courses;

import java.util.Set;

/** Course roles as course-service names them (capability of vtp.course.permission_granted.v1). */
public final class CourseRole {

    public static final String OWNER = "owner";
    public static final String INSTRUCTOR = "instructor";
    public static final String TA = "ta";
    public static final String STUDENT = "student";
    public static final String VIEWER = "viewer";

    /** Roles that see every recording of their course, published or not. */
    public static final Set<String> STAFF = Set.of(OWNER, INSTRUCTOR, TA);

    /** Every role course-service grants. */
    public static final Set<String> ALL = Set.of(OWNER, INSTRUCTOR, TA, STUDENT, VIEWER);

    private CourseRole() {
    }
}
