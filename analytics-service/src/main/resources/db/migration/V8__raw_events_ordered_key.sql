-- raw_events keyed by the event id itself when it is a canonical UUID (every VTP service publishes
-- time-ordered ones, version 7: service-kit's EventIds); other ids keep the MD5 of their text.
-- With the MD5 of every id, each insert went to a random page of a primary key that grows with the
-- retention (127 MB at 3 million events): past the buffer cache, about a third of the inserts read
-- a page back and wrote one out (pg_stat_statements' shared_blks_read and _written). Time-ordered
-- keys insert at the index's right edge, which stays cached.
--
-- raw_event_key(id) is the key of an id, as RawEventStore.key computes it:
--   select * from raw_events where event_key = raw_event_key('0190f1c2-...');
CREATE FUNCTION raw_event_key(event_id text) RETURNS uuid
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT CASE WHEN event_id ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
                THEN event_id::uuid ELSE md5(event_id)::uuid END
$$;

-- The stored rows get the new keys in a copy whose primary key is built once, sorted (faster than
-- updating every row and its index entry in place, and without the dead half that would leave).
-- The copy reads the table in its physical order, which is received_at's (see V7), as BRIN needs.
CREATE TABLE raw_events_rekeyed (LIKE raw_events INCLUDING DEFAULTS);

INSERT INTO raw_events_rekeyed (event_key, event_id, type, topic, subject, occurred_at, received_at, data)
SELECT raw_event_key(event_id), event_id, type, topic, subject, occurred_at, received_at, data
FROM raw_events;

DROP TABLE raw_events;
ALTER TABLE raw_events_rekeyed RENAME TO raw_events;
ALTER TABLE raw_events ADD CONSTRAINT raw_events_pkey PRIMARY KEY (event_key);
CREATE INDEX raw_events_received ON raw_events USING brin (received_at);
