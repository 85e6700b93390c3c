-- signalling-service: rooms, who was in them when, and their chat.

create table rooms (
    id               uuid primary key,
    name             varchar(200) not null,
    course_id        uuid,
    created_by       uuid not null,
    max_participants integer not null check (max_participants > 0),
    status           varchar(16) not null default 'open' check (status in ('open', 'closed')),
    created_at       timestamptz not null,
    closed_at        timestamptz,
    closed_by        uuid
);
create index rooms_open on rooms (created_at desc) where status = 'open';

-- One row per presence of a user in a room (the live attendance record behind the events).
create table participant_sessions (
    id          uuid primary key,
    room_id     uuid not null references rooms (id),
    user_id     uuid not null,
    role        varchar(16) not null,
    instance_id varchar(200) not null,
    joined_at   timestamptz not null,
    left_at     timestamptz,
    reason      varchar(16) check (reason in ('left', 'disconnected', 'removed', 'room_deleted'))
);
create index participant_sessions_open on participant_sessions (instance_id) where left_at is null;
create index participant_sessions_room on participant_sessions (room_id, joined_at);

create table chat_messages (
    id      uuid primary key,
    room_id uuid not null references rooms (id),
    user_id uuid not null,
    name    varchar(200),
    text    varchar(4000) not null,
    sent_at timestamptz not null
);
create index chat_messages_page on chat_messages (room_id, sent_at desc, id desc);

-- Users auth-service deactivated: refused even while their access tokens are still valid.
create table deactivated_users (
    user_id        uuid primary key,
    deactivated_at timestamptz not null
);
