-- raw_events' received_at grows with the table's physical order (rows are only appended, and
-- pruned from the oldest), so a BRIN index serves the retention's "received before" range as well
-- as a B-tree did, at a few pages instead of one entry per event to maintain on every insert
-- (about 5 % of the database's time in ingest).
DROP INDEX raw_events_received;
CREATE INDEX raw_events_received ON raw_events USING brin (received_at);
