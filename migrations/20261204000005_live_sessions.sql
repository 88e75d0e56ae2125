-- Live sessions ("Manager Boost", seed 001): a circle's meeting at a time, in a place or at a
-- video link. Its members say whether they are going; afterwards a facilitator (or an animator,
-- or who scheduled it) records who came. Times are instants (timestamptz): each person reads
-- them in their own time zone.
create table live_sessions (
    org_id uuid not null,
    id uuid not null,
    circle_id uuid not null,
    title text not null check (char_length(btrim(title)) between 1 and 120),
    starts_at timestamptz not null,
    ends_at timestamptz not null,
    place text not null default '' check (char_length(place) <= 200),
    link text not null default '' check (char_length(link) <= 500 and (link = '' or link ~ '^https?://')),
    -- Where it was scheduled from: the time zone its times were typed in.
    time_zone text not null check (time_zone ~ '^[A-Za-z0-9_+/-]{1,64}$'),
    created_by uuid,
    created_at timestamptz not null default now(),
    primary key (org_id, id),
    check (ends_at > starts_at),
    foreign key (org_id, circle_id) references circles (org_id, id) on delete cascade,
    constraint live_sessions_created_by foreign key (org_id, created_by)
        references memberships (org_id, person_id) on delete set null (created_by)
);
create index live_sessions_circle on live_sessions (org_id, circle_id, starts_at);

-- Going or not: one answer per person, changed at will until the session ends.
create table session_answers (
    org_id uuid not null,
    session_id uuid not null,
    person_id uuid not null,
    going boolean not null,
    answered_at timestamptz not null default now(),
    primary key (org_id, session_id, person_id),
    foreign key (org_id, session_id) references live_sessions (org_id, id) on delete cascade,
    foreign key (org_id, person_id) references memberships (org_id, person_id) on delete cascade
);

-- Who came, recorded once it has started.
create table session_attendance (
    org_id uuid not null,
    session_id uuid not null,
    person_id uuid not null,
    recorded_by uuid,
    recorded_at timestamptz not null default now(),
    primary key (org_id, session_id, person_id),
    foreign key (org_id, session_id) references live_sessions (org_id, id) on delete cascade,
    foreign key (org_id, person_id) references memberships (org_id, person_id) on delete cascade,
    constraint session_attendance_recorded_by foreign key (org_id, recorded_by)
        references memberships (org_id, person_id) on delete set null (recorded_by)
);

alter table activity_events drop constraint activity_events_kind_check;
alter table activity_events add constraint activity_events_kind_check
    check (kind in ('signed_in', 'asked_question', 'shared_practice', 'replied',
                    'reacted_useful', 'reacted_will_try', 'undid_useful', 'undid_will_try',
                    'tried_practice', 'promoted_practice',
                    'deleted_post', 'hid_post', 'restored_post',
                    'created_circle', 'added_member', 'removed_member',
                    'archived_circle', 'reopened_circle',
                    'edited_charter',
                    'added_theme', 'set_network_roles', 'filed_proposal',
                    'accepted_proposal', 'returned_proposal', 'declined_proposal',
                    'updated_experiment',
                    'scheduled_session', 'answered_session', 'attended_session', 'unattended_session'));
