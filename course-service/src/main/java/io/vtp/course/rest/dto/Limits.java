package io.vtp.course.rest.dto;

/** Shared input rules of the request types. */
final class Limits {

    /** Course codes: a letter or digit first, then letters, digits, '-', '_' or '.', 2 to 32 in all. */
    static final String CODE_PATTERN = "^[A-Za-z0-9][A-Za-z0-9._-]{1,31}$";
    static final String CODE_MESSAGE = "must be 2 to 32 letters, digits, '.', '_' or '-', starting with a letter or digit";
    static final String NOT_BLANK_PATTERN = "(?s).*\\S.*";

    private Limits() {
    }
}
