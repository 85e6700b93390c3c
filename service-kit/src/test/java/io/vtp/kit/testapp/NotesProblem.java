package io.vtp.kit.testapp;

import io.vtp.kit.problem.ProblemKind;

/** Problem kinds the test application declares itself, as a service would. */
public final class NotesProblem {

    public static final ProblemKind NOTE_LOCKED = ProblemKind.of("note-locked", "Note is locked", 423);
    public static final ProblemKind NOTES_THROTTLED = ProblemKind.of("notes-throttled", "Too many notes", 429);

    private NotesProblem() {
    }
}
