package io.vtp.kit.testapp;

import io.vtp.kit.problem.ProblemKind;

/** Problem kinds the test application declares itself, as a service would. */
public enum NotesProblem implements ProblemKind {
    NOTE_LOCKED("note-locked", "Note is locked", 423),
    NOTES_THROTTLED("notes-throttled", "Too many notes", 429);

    private final String slug;
    private final String title;
    private final int status;

    NotesProblem(String slug, String title, int status) {
        this.slug = slug;
        this.title = title;
        this.status = status;
    }

    @Override
    public String slug() {
        return slug;
    }

    @Override
    public String title() {
        return title;
    }

    @Override
    public int status() {
        return status;
    }
}
