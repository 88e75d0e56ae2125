-- A PLC's charter (seed 004: "une mission, une vision, des valeurs et des objectifs communs"),
-- written together by its members. One row per PLC, made by the first edit; each edit names
-- the version it was made on, so an edit made on an older text is refused, never written over
-- the newer one. Goals are text for now: the dashboards issue gives them figures.
create table plc_charters (
    org_id uuid not null,
    circle_id uuid not null,
    mission text not null default '' check (char_length(mission) <= 2000),
    vision text not null default '' check (char_length(vision) <= 2000),
    "values" text not null default '' check (char_length("values") <= 2000),
    goals text not null default '' check (char_length(goals) <= 2000),
    version integer not null default 1 check (version >= 1),
    updated_by uuid,
    updated_at timestamptz not null default now(),
    primary key (org_id, circle_id),
    foreign key (org_id, circle_id) references circles (org_id, id) on delete cascade,
    constraint plc_charters_updated_by foreign key (org_id, updated_by)
        references memberships (org_id, person_id) on delete set null (updated_by)
);

alter table activity_events drop constraint activity_events_kind_check;
alter table activity_events add constraint activity_events_kind_check
    check (kind in ('signed_in', 'asked_question', 'shared_practice', 'replied',
                    'reacted_useful', 'reacted_will_try', 'undid_useful', 'undid_will_try',
                    'tried_practice', 'promoted_practice',
                    'deleted_post', 'hid_post', 'restored_post',
                    'created_circle', 'added_member', 'removed_member',
                    'archived_circle', 'reopened_circle',
                    'edited_charter'));
