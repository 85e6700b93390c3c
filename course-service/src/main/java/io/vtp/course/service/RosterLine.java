package io.vtp.course.service;

/** One address of a roster import and the row of the file it came from (1-based, header included). */
public record RosterLine(int line, String email) {
}
