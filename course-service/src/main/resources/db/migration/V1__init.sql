-- course-service: courses, their members (owners, instructors, TAs, students, viewers) and the
-- recordings attached to them; plus projections of other services' events (users, recordings).
-- The outbox and inbox tables come from service-kit (db/vtp-kit).

create table courses (
    id                   uuid primary key,
    code                 varchar(32)  not null,
    name                 varchar(200) not null,
    description          varchar(20000),
    department           varchar(200),
    semester             varchar(50),
    year                 integer check (year between 2000 and 2100),
    max_students         integer check (max_students between 1 and 100000),
    status               varchar(16)  not null check (status in ('draft', 'active', 'archived', 'completed')),
    enrollment_mode      varchar(16)  not null check (enrollment_mode in ('open', 'code', 'staff_only')),
    owner_id             uuid         not null,
    join_code            varchar(32),
    join_code_expires_at timestamptz,
    -- active students, kept under the course's row lock; the check makes over-enrolment impossible
    enrolled_count       integer      not null default 0,
    created_at           timestamptz  not null,
    updated_at           timestamptz  not null,
    constraint courses_capacity_check check (enrolled_count >= 0 and (max_students is null or enrolled_count <= max_students))
);
create unique index courses_code_lower_key on courses (lower(code));
create index courses_status_created on courses (status, created_at desc, id);

-- One row per user and course: the user's course role. Students are the course's enrolments.
create table course_members (
    id         uuid primary key,
    course_id  uuid        not null references courses (id) on delete cascade,
    user_id    uuid        not null,
    role       varchar(16) not null check (role in ('owner', 'instructor', 'ta', 'student', 'viewer')),
    added_by   uuid,
    joined_at  timestamptz not null,
    updated_at timestamptz not null,
    constraint course_members_course_user_key unique (course_id, user_id)
);
-- "my courses" (by user) and a course's roster page (by course and role, oldest first)
create index course_members_user on course_members (user_id, joined_at desc, course_id);
create index course_members_course_role on course_members (course_id, role, joined_at, user_id);

create table course_recordings (
    id             uuid primary key,
    course_id      uuid        not null references courses (id) on delete cascade,
    recording_id   uuid        not null,
    lecture_number integer check (lecture_number between 1 and 10000),
    lecture_title  varchar(300),
    sequence_order integer     not null check (sequence_order between 0 and 1000000),
    published      boolean     not null default false,
    published_at   timestamptz,
    added_by       uuid        not null,
    added_at       timestamptz not null,
    updated_at     timestamptz not null,
    constraint course_recordings_course_recording_key unique (course_id, recording_id)
);
create index course_recordings_recording on course_recordings (recording_id);
create index course_recordings_order on course_recordings (course_id, sequence_order, added_at);

-- Projection of vtp.users (auth-service): names and e-mails for rosters, deactivation.
create table known_users (
    id         uuid primary key,
    email      varchar(320) not null,
    full_name  varchar(200),
    role       varchar(16),
    active     boolean      not null,
    -- time of the event the row reflects: an older event never overwrites a newer one
    changed_at timestamptz  not null
);
create index known_users_email_lower on known_users (lower(email));

-- Projection of vtp.recordings (recording-service) and vtp.media (streaming-service).
create table known_recordings (
    id               uuid primary key,
    owner_id         uuid,
    title            varchar(500),
    status           varchar(16) not null check (status in ('unknown', 'recording', 'completed', 'failed', 'deleted')),
    duration_seconds double precision,
    media_ready      boolean     not null default false,
    changed_at       timestamptz not null
);
