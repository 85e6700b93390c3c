package io.vtp.course.service;

import java.util.List;
import java.util.UUID;

/** The answer to a roster import, line by line. */
public record ImportResult(UUID courseId, List<Line> lines) {

    /** One line of the file: its number (1-based, the header counts), the address, the outcome. */
    public record Line(int line, String email, ImportOutcome outcome, UUID userId) {
    }
}
