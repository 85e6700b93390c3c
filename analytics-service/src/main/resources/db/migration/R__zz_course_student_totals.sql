-- Keeps course_student_totals (V2) and lecture_totals (V3) true when a course's lectures change:
-- published or unpublished, attached or removed (course_lectures, service-kit's roster), a new
-- duration or a deletion (lectures). Repeatable, and named to run after db/vtp-kit-courses' R__vtp_kit_course_roster
-- (Flyway runs repeatable migrations in the order of their descriptions), which creates
-- course_lectures.

-- Every recomputation first takes lock_rollups_for_refresh(): SHARE ROW EXCLUSIVE on the two
-- tables ingest writes, in the order ingest writes them. It waits for the ingest transactions that
-- are writing them, holds new ones back until this transaction ends (so no change of theirs is
-- counted twice or lost: they add their deltas afterwards), and conflicts with itself, so two
-- recomputations (a roster change and a new duration, two instances) run one after the other and
-- a transaction that holds it can still write both tables without a lock upgrade deadlock.
CREATE OR REPLACE FUNCTION lock_rollups_for_refresh() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    LOCK TABLE viewing_sessions, watch_progress IN SHARE ROW EXCLUSIVE MODE;
END $$;

-- Recomputes the totals of one course from watch_progress.
CREATE OR REPLACE FUNCTION refresh_course_student_totals(course uuid) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    completion double precision;
BEGIN
    PERFORM lock_rollups_for_refresh();
    completion := (SELECT completion_coverage FROM rollup_settings);
    DELETE FROM course_student_totals WHERE course_id = course;
    INSERT INTO course_student_totals AS t (course_id, user_id, lectures_started, lectures_completed,
            coverage_sum, watched_seconds, last_watched_at)
    SELECT l.course_id, w.user_id, count(*) FILTER (WHERE w.watched_seconds > 0),
        count(*) FILTER (WHERE least(w.covered_seconds / nullif(m.duration_seconds, 0), 1) >= completion),
        coalesce(sum(least(w.covered_seconds / nullif(m.duration_seconds, 0), 1)), 0),
        sum(w.watched_seconds), max(w.last_watched_at)
    FROM course_lectures l JOIN watch_progress w ON w.recording_id = l.recording_id
        LEFT JOIN lectures m ON m.recording_id = l.recording_id
    WHERE l.course_id = course AND l.published AND m.deleted_at IS NULL
    GROUP BY l.course_id, w.user_id
    ORDER BY l.course_id, w.user_id
    ON CONFLICT (course_id, user_id) DO UPDATE SET lectures_started = excluded.lectures_started,
        lectures_completed = excluded.lectures_completed, coverage_sum = excluded.coverage_sum,
        watched_seconds = excluded.watched_seconds, last_watched_at = excluded.last_watched_at;
END $$;

-- Recomputes the totals of one lecture (V3) from watch_progress and viewing_sessions.
CREATE OR REPLACE FUNCTION refresh_lecture_totals(recording uuid) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    completion double precision;
BEGIN
    PERFORM lock_rollups_for_refresh();
    completion := (SELECT completion_coverage FROM rollup_settings);
    DELETE FROM lecture_totals WHERE recording_id = recording;
    INSERT INTO lecture_totals (recording_id, viewers, watched_seconds, coverage_sum, completed, sessions, played_sessions,
            smooth_sessions, intervals, stalled_intervals, stalls, last_session_at)
    SELECT recording, w.viewers, w.watched, w.coverage, w.completed, s.sessions, s.played, s.smooth, s.intervals,
        s.stalled, s.stalls, s.last_at
    FROM (SELECT count(*) AS viewers, coalesce(sum(w.watched_seconds), 0) AS watched,
              coalesce(sum(least(w.covered_seconds / nullif(m.duration_seconds, 0), 1)), 0) AS coverage,
              count(*) FILTER (WHERE least(w.covered_seconds / nullif(m.duration_seconds, 0), 1) >= completion) AS completed
          FROM watch_progress w LEFT JOIN lectures m ON m.recording_id = w.recording_id
          WHERE w.recording_id = recording AND w.watched_seconds > 0) w,
         (SELECT count(*) AS sessions, count(*) FILTER (WHERE intervals > 0) AS played,
              count(*) FILTER (WHERE intervals > 0 AND stalls = 0) AS smooth, coalesce(sum(intervals), 0) AS intervals,
              coalesce(sum(stalled_intervals), 0) AS stalled, coalesce(sum(stalls), 0) AS stalls, max(last_at) AS last_at
          FROM viewing_sessions WHERE recording_id = recording) s
    WHERE w.viewers > 0 OR s.sessions > 0;
END $$;

-- course_lectures: one recomputation per course a statement changed (statement triggers with
-- transition tables, so that deleting a course's 100 lectures recomputes it once).
-- Inserted or deleted rows (the transition table is called "changed" in both triggers).
CREATE OR REPLACE FUNCTION course_lectures_added_or_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM refresh_course_student_totals(c.course_id)
    FROM (SELECT DISTINCT course_id FROM changed WHERE published ORDER BY course_id) c;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION course_lectures_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM refresh_course_student_totals(c.course_id)
    FROM (SELECT DISTINCT n.course_id FROM before_update o JOIN after_update n
              ON n.course_id = o.course_id AND n.recording_id = o.recording_id
          WHERE n.published IS DISTINCT FROM o.published ORDER BY n.course_id) c;
    RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS course_student_totals_inserted ON course_lectures;
CREATE TRIGGER course_student_totals_inserted AFTER INSERT ON course_lectures
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION course_lectures_added_or_removed();
DROP TRIGGER IF EXISTS course_student_totals_updated ON course_lectures;
CREATE TRIGGER course_student_totals_updated AFTER UPDATE ON course_lectures
    REFERENCING OLD TABLE AS before_update NEW TABLE AS after_update
    FOR EACH STATEMENT EXECUTE FUNCTION course_lectures_updated();
DROP TRIGGER IF EXISTS course_student_totals_deleted ON course_lectures;
CREATE TRIGGER course_student_totals_deleted AFTER DELETE ON course_lectures
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION course_lectures_added_or_removed();
-- the two functions of an earlier version of this script
DROP FUNCTION IF EXISTS course_lectures_inserted();
DROP FUNCTION IF EXISTS course_lectures_deleted();

-- lectures: a recording someone watched got its first row, another duration or was deleted
-- (its courses' totals and its own).
-- The lock comes before the look at watch_progress and course_lectures, so that rows and
-- publications committed meanwhile are seen.
CREATE OR REPLACE FUNCTION lectures_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.duration_seconds IS NOT DISTINCT FROM NEW.duration_seconds
            AND OLD.deleted_at IS NOT DISTINCT FROM NEW.deleted_at THEN
        RETURN NULL;
    END IF;
    PERFORM lock_rollups_for_refresh();
    IF EXISTS (SELECT 1 FROM watch_progress WHERE recording_id = NEW.recording_id) THEN
        PERFORM refresh_lecture_totals(NEW.recording_id);
        PERFORM refresh_course_student_totals(c.course_id)
        FROM (SELECT DISTINCT course_id FROM course_lectures
              WHERE recording_id = NEW.recording_id AND published ORDER BY course_id) c;
    END IF;
    RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS course_student_totals_lecture ON lectures;
CREATE TRIGGER course_student_totals_lecture AFTER INSERT OR UPDATE OF duration_seconds, deleted_at ON lectures
    FOR EACH ROW EXECUTE FUNCTION lectures_changed();
