-- streaming-service's own tables. The kit's outbox/inbox (db/vtp-kit) and course roster
-- (db/vtp-kit-courses) come beside them.

-- Projection of vtp.recordings: completed recordings, the source of every ladder.
create table media_sources (
    recording_id     uuid primary key,
    owner_id         uuid          not null,
    course_id        uuid,
    title            varchar(200)  not null,
    storage_key      varchar(512)  not null,
    duration_seconds double precision not null,
    width            integer,
    height           integer,
    has_video        boolean       not null,
    has_audio        boolean       not null,
    deleted          boolean       not null default false,
    completed_at     timestamptz   not null
);

-- Transcode jobs: a durable, leased queue (FOR UPDATE SKIP LOCKED); several replicas share it and a
-- crashed worker's job is taken over when its lease runs out.
create table transcode_jobs (
    id               uuid primary key,
    recording_id     uuid          not null references media_sources (recording_id),
    status           varchar(16)   not null check (status in ('queued', 'running', 'completed', 'failed', 'cancelled')),
    rungs            varchar(2000) not null,          -- requested ladder, JSON [{height, bitrate_kbps}]
    custom           boolean       not null,
    requested_by     uuid,
    stage            varchar(16)   not null default 'queued',
    percent          double precision not null default 0,
    attempts         integer       not null default 0,
    lease_until      timestamptz,
    created_at       timestamptz   not null,
    started_at       timestamptz,
    finished_at      timestamptz,
    progress_at      timestamptz,
    error_stage      varchar(32),
    error_message    varchar(500)
);
-- at most one queued or running job per recording
create unique index transcode_jobs_active on transcode_jobs (recording_id) where status in ('queued', 'running');
create index transcode_jobs_queue on transcode_jobs (created_at) where status in ('queued', 'running');
create index transcode_jobs_recording on transcode_jobs (recording_id, created_at desc);

-- The published ladder of each recording: players only ever see a complete one. A new ladder
-- replaces it in one update; the old one's files are deleted after a grace period (retired).
create table renditions (
    recording_id     uuid primary key references media_sources (recording_id),
    job_id           uuid          not null,
    prefix           varchar(256)  not null,           -- renditions/{recordingId}/{jobId}/
    duration_seconds double precision not null,
    ladder           varchar(8000) not null,           -- JSON: the rungs as measured (io.vtp.streaming.media.Ladder)
    published_at     timestamptz   not null
);

-- Ladders replaced or withdrawn: their files are deleted once no token for them can still be valid.
create table retired_renditions (
    prefix           varchar(256) primary key,
    recording_id     uuid          not null,
    delete_after     timestamptz   not null
);

-- Each viewer's last position per recording (resume), and the viewing session it belongs to.
create table viewing_positions (
    user_id          uuid          not null,
    recording_id     uuid          not null,
    session_id       uuid          not null,
    position_seconds double precision not null,
    last_event       varchar(16)   not null,
    session_started_at timestamptz not null,
    session_watched_seconds double precision not null default 0, -- sum of this session's watched intervals
    reported_at      timestamptz   not null,
    primary key (user_id, recording_id)
);
