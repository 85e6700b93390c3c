package io.vtp.course.service;

import io.vtp.course.domain.CourseMember;

/** The outcome of an enrolment request: the enrolment, and whether this request created it. */
public record Enrolled(CourseMember enrollment, boolean created) {
}
