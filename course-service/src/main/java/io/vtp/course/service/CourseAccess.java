package io.vtp.course.service;

import io.vtp.course.domain.Capability;
import io.vtp.course.domain.Course;
import io.vtp.course.domain.CourseRole;
import io.vtp.course.domain.CourseStatus;
import io.vtp.kit.problem.ApiException;

import java.util.EnumSet;
import java.util.Set;

/**
 * One caller's standing in one course: their course role (null when none) and whether they are a
 * platform administrator. Every authorisation decision of this service goes through it.
 */
public record CourseAccess(Course course, CourseRole role, boolean admin) {

    /**
     * Anyone signed in sees active courses; drafts, archived and completed courses only their
     * members and administrators (to others they do not exist: 404).
     */
    public boolean visible() {
        return admin || role != null || course.status == CourseStatus.ACTIVE;
    }

    public Set<Capability> capabilities() {
        if (admin) {
            return EnumSet.allOf(Capability.class);
        }
        if (role != null) {
            return role.capabilities();
        }
        return visible() ? EnumSet.of(Capability.VIEW_COURSE) : EnumSet.noneOf(Capability.class);
    }

    public boolean can(Capability capability) {
        return capabilities().contains(capability);
    }

    /** 403 unless the caller has the capability. */
    public CourseAccess require(Capability capability) {
        if (!can(capability)) {
            throw ApiException.forbidden("your role in this course does not allow " + capability.value());
        }
        return this;
    }

    /** Capabilities of a role, or every one for an administrator. */
    public static Set<Capability> capabilitiesOf(CourseRole role, boolean admin) {
        if (admin) {
            return EnumSet.allOf(Capability.class);
        }
        return role == null ? EnumSet.noneOf(Capability.class) : role.capabilities();
    }
}
