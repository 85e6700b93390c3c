-- The course roster (io.vtp.kit.courses): a projection of course-service's vtp.courses and
-- vtp.enrollments events that services deciding "who may see this recording" keep. Opt in by adding
-- `db/vtp-kit-courses` to quarkus.flyway.locations. Repeatable and idempotent, like db/vtp-kit.

-- Each user's role per course (owner, instructor, ta, student, viewer).
CREATE TABLE IF NOT EXISTS course_members (
    course_id  uuid        NOT NULL,
    user_id    uuid        NOT NULL,
    role       varchar(16) NOT NULL CHECK (role IN ('owner', 'instructor', 'ta', 'student', 'viewer')),
    changed_at timestamptz NOT NULL,
    PRIMARY KEY (course_id, user_id)
);
CREATE INDEX IF NOT EXISTS course_members_user ON course_members (user_id, role);

-- Recordings attached to a course, and whether its students may see them.
CREATE TABLE IF NOT EXISTS course_lectures (
    course_id    uuid        NOT NULL,
    recording_id uuid        NOT NULL,
    published    boolean     NOT NULL,
    changed_at   timestamptz NOT NULL,
    PRIMARY KEY (course_id, recording_id)
);
CREATE INDEX IF NOT EXISTS course_lectures_recording ON course_lectures (recording_id);
