package io.vtp.course.rest;

import io.vtp.course.domain.CourseRole;
import io.vtp.course.domain.CourseStatus;
import io.vtp.course.domain.EnrollmentMode;
import io.vtp.kit.problem.ApiException;

/** Enumerated request values, each a 400 naming the field and the values it takes. */
final class Enums {

    private Enums() {
    }

    static CourseStatus status(String field, String value) {
        return value == null ? null : CourseStatus.parse(value)
                .orElseThrow(() -> ApiException.invalidField(field, "must be draft, active, archived or completed"));
    }

    static EnrollmentMode mode(String field, String value) {
        return value == null ? null : EnrollmentMode.parse(value)
                .orElseThrow(() -> ApiException.invalidField(field, "must be open, code or staff_only"));
    }

    static CourseRole role(String field, String value) {
        return CourseRole.parse(value)
                .orElseThrow(() -> ApiException.invalidField(field, "must be owner, instructor, ta, student or viewer"));
    }
}
