-- raw_events keyed by a 16-byte uuid, the MD5 of the CloudEvents id, instead of the id as text, and
-- the data kept as json (the text as consumed, validated) instead of being converted to jsonb.
-- Storing the raw events was two thirds of the database's time in ingest (pg_stat_statements): its
-- primary key, a random string per event, grew beyond the buffer cache (52 bytes per entry; 28 as
-- a uuid), and every event's data was rebuilt as jsonb although only analysts' ad hoc queries read
-- it (->> works on json alike). The id stays in event_id for those queries.
CREATE TABLE raw_events_keyed (
    event_key   uuid         PRIMARY KEY,
    event_id    varchar(200) NOT NULL,
    type        varchar(128) NOT NULL,
    topic       varchar(100) NOT NULL,
    subject     varchar(200),
    occurred_at timestamptz  NOT NULL,
    received_at timestamptz  NOT NULL,
    data        json         NOT NULL
);

INSERT INTO raw_events_keyed (event_key, event_id, type, topic, subject, occurred_at, received_at, data)
SELECT md5(event_id)::uuid, event_id, type, topic, subject, occurred_at, received_at, data::json
FROM raw_events;

DROP TABLE raw_events;
ALTER TABLE raw_events_keyed RENAME TO raw_events;
ALTER INDEX raw_events_keyed_pkey RENAME TO raw_events_pkey;
CREATE INDEX raw_events_received ON raw_events (received_at);
