-- Per course, student and ISO week (its Monday, UTC): activity_days summed, for the engagement
-- report's weekly trend, which read up to seven times as many day rows. Ingest adds to both tables
-- in the same transaction.
CREATE TABLE activity_weeks (
    course_id       uuid             NOT NULL,
    user_id         uuid             NOT NULL,
    week            date             NOT NULL,
    watched_seconds double precision NOT NULL,
    live_seconds    double precision NOT NULL,
    PRIMARY KEY (course_id, user_id, week)
);

INSERT INTO activity_weeks (course_id, user_id, week, watched_seconds, live_seconds)
SELECT course_id, user_id, date_trunc('week', day)::date, sum(watched_seconds), sum(live_seconds)
FROM activity_days GROUP BY 1, 2, 3;
