-- recording-service: recordings (browser capture and imports), the chunks a browser sent, resumable
-- (tus) uploads in progress; plus projections of other services' events that decide who may see a
-- recording (course staff, students of courses that published it) and which course a room
-- belongs to. Media bytes live in the MediaStore under raw/{recording_id}/, never in the database.
-- The outbox and inbox tables come from service-kit (db/vtp-kit).

create table recordings (
    id                     uuid primary key,
    title                  varchar(200)  not null,
    description            varchar(5000),
    room_id                uuid,
    course_id              uuid,
    owner_id               uuid          not null,
    source                 varchar(16)   not null check (source in ('browser', 'upload')),
    status                 varchar(16)   not null check (status in ('recording', 'processing', 'completed', 'failed')),
    started_at             timestamptz   not null,
    stopped_at             timestamptz,
    completed_at           timestamptz,
    -- the last chunk (or the start): a recording idle longer than the configured time is stopped
    last_activity_at       timestamptz   not null,
    chunk_count            integer       not null default 0,
    chunk_bytes            bigint        not null default 0,
    -- the uploaded file (imports) waiting for processing, under raw/{id}/
    source_key             varchar(512),
    original_filename      varchar(255),
    -- the processed file
    storage_key            varchar(512),
    mime_type              varchar(64),
    size_bytes             bigint,
    etag                   varchar(128),
    container              varchar(64),
    duration_seconds       double precision,
    bitrate                bigint,
    video_codec            varchar(32),
    audio_codec            varchar(32),
    width                  integer,
    height                 integer,
    fps                    double precision,
    sample_rate            integer,
    channels               integer,
    error_stage            varchar(16),
    error_message          varchar(500),
    -- processing is a leased job: a replica that dies mid-way loses its lease and another takes over
    processing_lease_until timestamptz,
    processing_attempts    integer       not null default 0,
    deleted_at             timestamptz,
    deleted_by             uuid,
    media_purged_at        timestamptz
);
create index recordings_owner on recordings (owner_id, started_at desc) where deleted_at is null;
create index recordings_course on recordings (course_id, started_at desc) where deleted_at is null;
create index recordings_room on recordings (room_id) where room_id is not null;
create index recordings_started on recordings (started_at desc, id) where deleted_at is null;
create index recordings_active on recordings (status, last_activity_at) where status in ('recording', 'processing');
create index recordings_unpurged on recordings (deleted_at) where deleted_at is not null and media_purged_at is null;

-- One row per chunk a browser sent. The object key holds the content hash, so two different
-- bodies for one seq can never overwrite each other: the first row wins, the other gets a 409.
create table recording_chunks (
    recording_id uuid        not null references recordings (id) on delete cascade,
    seq          integer     not null check (seq >= 0),
    size_bytes   integer     not null check (size_bytes >= 0),
    sha256       varchar(64) not null,
    storage_key  varchar(512) not null,
    received_at  timestamptz not null,
    primary key (recording_id, seq)
);

-- tus 1.0 uploads in progress. Bytes are appended to a staging file on the instance's work
-- directory; the finished file moves into the MediaStore and becomes a recording.
create table uploads (
    id            uuid primary key,
    owner_id      uuid          not null,
    title         varchar(200)  not null,
    filename      varchar(255),
    metadata      varchar(4096),
    upload_length bigint        not null check (upload_length >= 0),
    upload_offset bigint        not null default 0 check (upload_offset >= 0),
    recording_id  uuid,
    created_at    timestamptz   not null,
    updated_at    timestamptz   not null,
    expires_at    timestamptz   not null,
    constraint uploads_offset_check check (upload_offset <= upload_length)
);
create index uploads_expires on uploads (expires_at) where recording_id is null;

-- Projection of vtp.courses and vtp.enrollments: each user's role in each course.
create table course_members (
    course_id  uuid        not null,
    user_id    uuid        not null,
    role       varchar(16) not null check (role in ('owner', 'instructor', 'ta', 'student', 'viewer')),
    changed_at timestamptz not null,
    primary key (course_id, user_id)
);
create index course_members_user on course_members (user_id, role);

-- Projection of vtp.courses: recordings attached to a course, and whether students may see them.
create table course_lectures (
    course_id    uuid        not null,
    recording_id uuid        not null,
    published    boolean     not null,
    changed_at   timestamptz not null,
    primary key (course_id, recording_id)
);
create index course_lectures_recording on course_lectures (recording_id);

-- Projection of vtp.rooms: the course a live room belongs to (links its recordings to the course).
create table known_rooms (
    room_id    uuid primary key,
    course_id  uuid,
    created_by uuid,
    changed_at timestamptz not null
);
