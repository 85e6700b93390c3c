-- Per lecture: its viewers' watch rollups (watch_progress rows with any second watched) and its
-- viewing sessions summed, so that the course and performance reports read one row per lecture
-- instead of every student's and every session's. Ingest adds its changes in the transaction that
-- writes them; R__zz_course_student_totals.sql recomputes a lecture when its duration changes.
CREATE TABLE lecture_totals (
    recording_id      uuid PRIMARY KEY,
    viewers           integer          NOT NULL DEFAULT 0,  -- students with any second watched
    watched_seconds   double precision NOT NULL DEFAULT 0,
    coverage_sum      double precision NOT NULL DEFAULT 0,  -- sum of least(covered / duration, 1)
    completed         integer          NOT NULL DEFAULT 0,  -- coverage >= rollup_settings.completion_coverage
    sessions          integer          NOT NULL DEFAULT 0,
    played_sessions   integer          NOT NULL DEFAULT 0,  -- with any interval played
    smooth_sessions   integer          NOT NULL DEFAULT 0,  -- played without a stall
    intervals         bigint           NOT NULL DEFAULT 0,
    stalled_intervals bigint           NOT NULL DEFAULT 0,
    stalls            bigint           NOT NULL DEFAULT 0,
    last_session_at   timestamptz
);

-- The next start recomputes every course and lecture (CourseTotals.useCompletion), which fills
-- lecture_totals from the rollups already stored.
UPDATE rollup_settings SET completion_coverage = NULL;
