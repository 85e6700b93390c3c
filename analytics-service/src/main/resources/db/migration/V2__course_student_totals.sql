-- Per course and student: the watch rollups (watch_progress) summed over the course's published,
-- not deleted lectures. Every course-level number starts from these sums; with them a report reads
-- one row per student instead of one per student and lecture (50,000 rows for a course of 1,000
-- students x 100 lectures). Ingest adds its changes in the transaction that changes watch_progress;
-- the triggers of R__zz_course_student_totals.sql recompute a course when its lectures change.
CREATE TABLE course_student_totals (
    course_id          uuid             NOT NULL,
    user_id            uuid             NOT NULL,
    lectures_started   integer          NOT NULL,  -- lectures with any second watched
    lectures_completed integer          NOT NULL,  -- coverage >= rollup_settings.completion_coverage
    coverage_sum       double precision NOT NULL,  -- sum of least(covered / duration, 1)
    watched_seconds    double precision NOT NULL,
    last_watched_at    timestamptz,
    PRIMARY KEY (course_id, user_id)
);

-- The completion threshold the totals were computed with (vtp.analytics.completion-coverage).
-- Null until the service first starts on this database; a service that starts with another value
-- recomputes every course (RollupSettings).
CREATE TABLE rollup_settings (
    id                  boolean PRIMARY KEY DEFAULT true CHECK (id),
    completion_coverage double precision
);
INSERT INTO rollup_settings (id, completion_coverage) VALUES (true, NULL);
