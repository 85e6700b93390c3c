-- analytics-service: the raw events it consumed (each once) and the rollups every report reads.
-- Reports never read raw_events; ingest updates the rollups in the same transaction that stores
-- the raw event, so a redelivered event (same CloudEvents id) changes nothing.

-- Every consumed event of vtp.viewing, vtp.rooms, vtp.recordings, vtp.media and vtp.users, once.
-- Pruned by received_at after vtp.analytics.raw-retention (longer than Kafka's retention, so a
-- redelivery always finds its row).
CREATE TABLE raw_events (
    event_id    varchar(200) PRIMARY KEY,
    type        varchar(128) NOT NULL,
    topic       varchar(100) NOT NULL,
    subject     varchar(200),
    occurred_at timestamptz  NOT NULL,
    received_at timestamptz  NOT NULL,
    data        jsonb        NOT NULL
);
CREATE INDEX raw_events_received ON raw_events (received_at);

-- Names for reports (vtp.users).
CREATE TABLE users (
    user_id    uuid PRIMARY KEY,
    full_name  varchar(200),
    email      varchar(320),
    role       varchar(16),
    active     boolean     NOT NULL DEFAULT true,
    changed_at timestamptz NOT NULL
);

-- Recordings (vtp.recordings, vtp.media): title, duration, the ladder's bit rates.
CREATE TABLE lectures (
    recording_id     uuid PRIMARY KEY,
    title            varchar(500),
    course_id        uuid,
    duration_seconds double precision,
    renditions       jsonb,
    owner_id         uuid,
    completed_at     timestamptz,
    ready_at         timestamptz,
    deleted_at       timestamptz
);

-- Per student and lecture: the merged watched intervals (flattened [from, to) pairs in media
-- seconds, ascending, disjoint), their length, and all seconds watched (rewatches included).
CREATE TABLE watch_progress (
    recording_id     uuid             NOT NULL,
    user_id          uuid             NOT NULL,
    course_id        uuid,
    intervals        double precision[] NOT NULL,
    covered_seconds  double precision NOT NULL,
    watched_seconds  double precision NOT NULL,
    first_watched_at timestamptz      NOT NULL,
    last_watched_at  timestamptz      NOT NULL,
    PRIMARY KEY (recording_id, user_id)
);
CREATE INDEX watch_progress_user ON watch_progress (user_id);

-- Per viewing session (one player instance): views, smooth playback.
CREATE TABLE viewing_sessions (
    session_id        uuid PRIMARY KEY,
    recording_id      uuid             NOT NULL,
    user_id           uuid             NOT NULL,
    course_id         uuid,
    started_at        timestamptz,
    last_at           timestamptz      NOT NULL,
    ended_at          timestamptz,
    end_reason        varchar(16),
    watched_seconds   double precision NOT NULL,
    intervals         integer          NOT NULL,
    stalled_intervals integer          NOT NULL,
    stalls            integer          NOT NULL
);
CREATE INDEX viewing_sessions_recording ON viewing_sessions (recording_id, user_id);

-- Per lecture and 10 s bucket: viewers who watched any of it (the drop-off curve) and seconds
-- watched again (rewatch hotspots).
CREATE TABLE lecture_buckets (
    recording_id    uuid             NOT NULL,
    bucket          integer          NOT NULL,
    viewers         integer          NOT NULL,
    rewatch_seconds double precision NOT NULL,
    PRIMARY KEY (recording_id, bucket)
);

-- Per lecture and rendition: media seconds played at it.
CREATE TABLE lecture_renditions (
    recording_id uuid             NOT NULL,
    rendition    varchar(64)      NOT NULL,
    seconds      double precision NOT NULL,
    PRIMARY KEY (recording_id, rendition)
);

-- Per course, student and day (UTC): seconds watched and seconds present in live classes.
-- course_id is the nil UUID for viewing outside any course.
CREATE TABLE activity_days (
    course_id       uuid             NOT NULL,
    user_id         uuid             NOT NULL,
    day             date             NOT NULL,
    watched_seconds double precision NOT NULL,
    live_seconds    double precision NOT NULL,
    PRIMARY KEY (course_id, user_id, day)
);
CREATE INDEX activity_days_user ON activity_days (user_id, day);

-- Live classes (vtp.rooms) and who was in them.
CREATE TABLE rooms (
    room_id   uuid PRIMARY KEY,
    course_id uuid,
    name      varchar(200),
    opened_at timestamptz,
    closed_at timestamptz
);
CREATE INDEX rooms_course ON rooms (course_id, opened_at);

CREATE TABLE presences (
    participant_session_id uuid PRIMARY KEY,
    room_id                uuid NOT NULL,
    user_id                uuid NOT NULL,
    joined_at              timestamptz,
    left_at                timestamptz
);
CREATE INDEX presences_room ON presences (room_id, user_id);

-- The at-risk state of each student per course; a change of state is an event on vtp.analytics.alerts.
CREATE TABLE risk_alerts (
    course_id  uuid             NOT NULL,
    user_id    uuid             NOT NULL,
    alert_id   uuid             NOT NULL,
    at_risk    boolean          NOT NULL,
    rule_ids   varchar(500)     NOT NULL,
    reasons    jsonb            NOT NULL,
    score      double precision NOT NULL,
    changed_at timestamptz      NOT NULL,
    PRIMARY KEY (course_id, user_id)
);
