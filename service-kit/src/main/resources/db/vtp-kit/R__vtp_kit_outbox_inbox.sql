-- service-kit tables, shared by every service: add `classpath:db/vtp-kit` to quarkus.flyway.locations.
-- A repeatable migration (re-applied when this file changes), so it fits beside any service's own
-- version numbers: every statement here must be idempotent.

-- Transactional outbox: written in the same transaction as the change, relayed to Kafka in order.
CREATE TABLE IF NOT EXISTS outbox_events (
    seq          bigserial PRIMARY KEY,
    id           uuid         NOT NULL UNIQUE, -- the CloudEvents id
    topic        varchar(64)  NOT NULL,
    type         varchar(128) NOT NULL,
    aggregate_id varchar(64)  NOT NULL,        -- Kafka key and CloudEvents subject
    payload      varchar      NOT NULL,        -- unbounded (as text; Hibernate Reactive validates varchar)
    occurred_at  timestamptz  NOT NULL,
    published_at timestamptz,
    attempts     integer      NOT NULL DEFAULT 0,
    last_error   varchar(500)
);
-- Tables created as text before (auth-service V1): same storage, no rewrite.
ALTER TABLE outbox_events ALTER COLUMN payload TYPE varchar;
CREATE INDEX IF NOT EXISTS outbox_events_pending_idx ON outbox_events (seq) WHERE published_at IS NULL;
CREATE INDEX IF NOT EXISTS outbox_events_published_idx ON outbox_events (published_at) WHERE published_at IS NOT NULL;
-- When the row was written (database time): the relay's "oldest pending event" age is measured from
-- it, not from occurred_at, which a producer may set in the past.
ALTER TABLE outbox_events ADD COLUMN IF NOT EXISTS created_at timestamptz NOT NULL DEFAULT now();

-- Inbox: the events each consumer has applied, so a redelivered event changes nothing.
CREATE TABLE IF NOT EXISTS inbox_events (
    consumer     varchar(100) NOT NULL,
    event_id     varchar(200) NOT NULL,
    event_type   varchar(128),
    processed_at timestamptz  NOT NULL,
    PRIMARY KEY (consumer, event_id)
);
CREATE INDEX IF NOT EXISTS inbox_events_processed_idx ON inbox_events (processed_at);
