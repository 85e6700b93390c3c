-- auth-service schema: users, refresh-token families, login throttling, password resets, outbox.

CREATE TABLE users (
    id            uuid PRIMARY KEY,
    email         varchar(254) NOT NULL,
    full_name     varchar(200) NOT NULL,
    phone         varchar(32),
    role          varchar(16)  NOT NULL CHECK (role IN ('student', 'instructor', 'admin')),
    password_hash varchar(255) NOT NULL,
    active        boolean      NOT NULL DEFAULT true,
    created_at    timestamptz  NOT NULL,
    updated_at    timestamptz  NOT NULL
);
-- E-mail addresses are unique regardless of case.
CREATE UNIQUE INDEX users_email_lower_key ON users (lower(email));
CREATE INDEX users_role_idx ON users (role);

-- A family is one login: every refresh rotates the token inside the family; reuse revokes it.
CREATE TABLE refresh_token_families (
    id             uuid PRIMARY KEY,
    user_id        uuid        NOT NULL REFERENCES users (id),
    created_at     timestamptz NOT NULL,
    revoked_at     timestamptz,
    revoked_reason varchar(32)
);
CREATE INDEX refresh_token_families_user_idx ON refresh_token_families (user_id) WHERE revoked_at IS NULL;

CREATE TABLE refresh_tokens (
    id         uuid PRIMARY KEY,
    family_id  uuid        NOT NULL REFERENCES refresh_token_families (id),
    token_hash varchar(64) NOT NULL UNIQUE, -- SHA-256 (hex) of the opaque token; the token itself is never stored
    issued_at  timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    used_at    timestamptz
);
CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);

-- Failed logins, kept for the throttling window (and purged after it). An attempt is charged as
-- pending before its password is checked, confirmed when the password was wrong, deleted when right.
CREATE TABLE login_failures (
    id             bigserial PRIMARY KEY,
    email          varchar(254) NOT NULL, -- lower-cased, as typed (also for unknown accounts)
    client_address varchar(64)  NOT NULL,
    failed_at      timestamptz  NOT NULL,
    pending        boolean      NOT NULL DEFAULT false
);
CREATE INDEX login_failures_email_idx ON login_failures (email, failed_at);
CREATE INDEX login_failures_client_idx ON login_failures (client_address, failed_at);

CREATE TABLE password_reset_tokens (
    id         uuid PRIMARY KEY,
    user_id    uuid        NOT NULL REFERENCES users (id),
    token_hash varchar(64) NOT NULL UNIQUE,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    used_at    timestamptz
);

-- Transactional outbox: written in the same transaction as the change, relayed to Kafka in order.
CREATE TABLE outbox_events (
    seq          bigserial PRIMARY KEY,
    id           uuid         NOT NULL UNIQUE, -- the CloudEvents id
    topic        varchar(64)  NOT NULL,
    type         varchar(128) NOT NULL,
    aggregate_id varchar(64)  NOT NULL,        -- Kafka key and CloudEvents subject
    payload      text         NOT NULL,
    occurred_at  timestamptz  NOT NULL,
    published_at timestamptz,
    attempts     integer      NOT NULL DEFAULT 0,
    last_error   varchar(500)
);
CREATE INDEX outbox_events_pending_idx ON outbox_events (seq) WHERE published_at IS NULL;
