-- The drop-off and rewatch buckets of a lecture kept 64 to a row, as arrays, instead of one row
-- per 10 s bucket. Ingest touched about one bucket row per viewing event (a batch of 5,000 events
-- spreads over thousands of buckets), so bucket upserts were as many as the raw events; a chunk of
-- 64 buckets takes all of a batch's additions to them in one row update. lecture_buckets stays,
-- as a view with the rows and columns it had (buckets with a viewer or a rewatched second).
CREATE TABLE lecture_bucket_chunks (
    recording_id    uuid               NOT NULL,
    chunk           integer            NOT NULL,  -- buckets chunk * 64 .. chunk * 64 + 63
    viewers         integer[]          NOT NULL,  -- 64 entries; viewers[i] is bucket chunk * 64 + i - 1
    rewatch_seconds double precision[] NOT NULL,  -- 64 entries, same order
    PRIMARY KEY (recording_id, chunk)
) WITH (fillfactor = 50);

INSERT INTO lecture_bucket_chunks (recording_id, chunk, viewers, rewatch_seconds)
SELECT c.recording_id, c.chunk, array_agg(coalesce(b.viewers, 0) ORDER BY s.i),
       array_agg(coalesce(b.rewatch_seconds, 0) ORDER BY s.i)
FROM (SELECT DISTINCT recording_id, bucket / 64 AS chunk FROM lecture_buckets) c
    CROSS JOIN generate_series(0, 63) AS s(i)
    LEFT JOIN lecture_buckets b ON b.recording_id = c.recording_id AND b.bucket = c.chunk * 64 + s.i
GROUP BY c.recording_id, c.chunk;

DROP TABLE lecture_buckets;

CREATE VIEW lecture_buckets AS
SELECT c.recording_id, c.chunk * 64 + s.i::integer - 1 AS bucket, s.viewers, s.rewatch_seconds
FROM lecture_bucket_chunks c,
    unnest(c.viewers, c.rewatch_seconds) WITH ORDINALITY AS s(viewers, rewatch_seconds, i)
WHERE s.viewers <> 0 OR s.rewatch_seconds <> 0;

-- Rows that ingest updates in every batch: room on their pages for heap-only (HOT) updates, which
-- skip the index entries a new row version otherwise needs.
ALTER TABLE viewing_sessions SET (fillfactor = 70);
ALTER TABLE watch_progress SET (fillfactor = 70);
ALTER TABLE lecture_totals SET (fillfactor = 70);
ALTER TABLE course_student_totals SET (fillfactor = 70);
