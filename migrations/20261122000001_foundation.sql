-- Foundation: organisations, people, memberships, teams, circles, posts and activity events.
-- Every table that holds organisation data carries org_id in its primary key, so that every
-- foreign key stays inside one organisation and the schema can be distributed by org_id.

create table organisations (
    id uuid primary key,
    slug text not null unique check (slug ~ '^[a-z0-9-]{2,40}$'),
    name text not null check (length(name) between 1 and 120),
    -- Tutors answer asynchronous questions within this many working hours (sources: 48).
    answer_deadline_hours int not null default 48 check (answer_deadline_hours between 1 and 400),
    created_at timestamptz not null default now()
);

create table people (
    id uuid primary key,
    email text not null check (email ~ '^[^@\s]+@[^@\s]+$' and length(email) <= 254),
    display_name text not null check (length(display_name) between 1 and 120),
    password_hash text not null,
    created_at timestamptz not null default now()
);
create unique index people_email_key on people (lower(email));

create table memberships (
    org_id uuid not null references organisations (id) on delete cascade,
    person_id uuid not null references people (id) on delete cascade,
    role text not null check (role in ('member', 'lead', 'animator', 'admin')),
    job_title text,
    created_at timestamptz not null default now(),
    primary key (org_id, person_id)
);
create index memberships_person on memberships (person_id);

create table teams (
    org_id uuid not null references organisations (id) on delete cascade,
    id uuid not null,
    name text not null check (length(name) between 1 and 120),
    lead_id uuid not null,
    created_at timestamptz not null default now(),
    primary key (org_id, id),
    constraint teams_name_key unique (org_id, name),
    foreign key (org_id, lead_id) references memberships (org_id, person_id)
);

create table team_members (
    org_id uuid not null,
    team_id uuid not null,
    person_id uuid not null,
    primary key (org_id, team_id, person_id),
    foreign key (org_id, team_id) references teams (org_id, id) on delete cascade,
    foreign key (org_id, person_id) references memberships (org_id, person_id) on delete cascade
);
create index team_members_person on team_members (org_id, person_id);

create table circles (
    org_id uuid not null references organisations (id) on delete cascade,
    id uuid not null,
    kind text not null check (kind in ('peer', 'network', 'plc')),
    -- Only for PLCs: work team, topic or department.
    plc_type text check (plc_type in ('work_team', 'topic', 'department')),
    name text not null check (length(name) between 1 and 120),
    purpose text not null default '' check (length(purpose) <= 2000),
    sponsor_id uuid,
    created_at timestamptz not null default now(),
    primary key (org_id, id),
    check ((kind = 'plc') = (plc_type is not null)),
    foreign key (org_id, sponsor_id) references memberships (org_id, person_id)
);

create table circle_members (
    org_id uuid not null,
    circle_id uuid not null,
    person_id uuid not null,
    role text not null default 'member' check (role in ('member', 'facilitator')),
    joined_at timestamptz not null default now(),
    primary key (org_id, circle_id, person_id),
    foreign key (org_id, circle_id) references circles (org_id, id) on delete cascade,
    foreign key (org_id, person_id) references memberships (org_id, person_id) on delete cascade
);
create index circle_members_person on circle_members (org_id, person_id);

create table posts (
    org_id uuid not null,
    id uuid not null,
    circle_id uuid not null,
    author_id uuid not null,
    kind text not null check (kind in ('question', 'practice', 'reply')),
    body text not null check (length(btrim(body)) between 1 and 2000),
    -- The UUID the author's device made for this write: a replayed offline write finds the
    -- row it created the first time instead of creating another.
    client_id uuid,
    created_at timestamptz not null default now(),
    primary key (org_id, id),
    constraint posts_client_id_key unique (org_id, author_id, client_id),
    foreign key (org_id, circle_id) references circles (org_id, id) on delete cascade,
    foreign key (org_id, author_id) references memberships (org_id, person_id)
);
-- Keyset pagination of a circle's posts, newest first.
create index posts_circle_recent on posts (org_id, circle_id, created_at desc, id desc);

-- Every meaningful action appends one row here, in the transaction of the action itself.
create table activity_events (
    org_id uuid not null references organisations (id) on delete cascade,
    id bigint generated always as identity,
    person_id uuid not null,
    kind text not null check (kind in ('signed_in', 'asked_question', 'shared_practice', 'replied')),
    subject_id uuid,
    occurred_at timestamptz not null default now(),
    primary key (org_id, id),
    foreign key (org_id, person_id) references memberships (org_id, person_id) on delete cascade
);
create index activity_events_person on activity_events (org_id, person_id, occurred_at desc);
create index activity_events_recent on activity_events (org_id, occurred_at desc);

-- Failed sign-ins, counted per account and per address over a sliding window. Kept in
-- Postgres so that every server instance sees the same counts.
create table sign_in_failures (
    id bigint generated always as identity primary key,
    email text not null,
    address text not null,
    failed_at timestamptz not null default now()
);
create index sign_in_failures_email on sign_in_failures (lower(email), failed_at desc);
create index sign_in_failures_address on sign_in_failures (address, failed_at desc);
