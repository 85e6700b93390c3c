package io.vtp.analytics.domain;

/** A page of a course's students, in the roster's order (name, unnamed last, then id). */
public record StudentPage(int offset, int limit) {
}
