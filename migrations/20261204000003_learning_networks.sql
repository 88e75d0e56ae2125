-- Learning networks (seed 002): an executive sponsor (`circles.sponsor_id`, from the start),
-- named facilitators (`circle_members.role`), a steering committee (the sponsor and the
-- members marked so), themes drawn from the expected outcomes, proposals the committee
-- accepts, sends back with a comment or declines with a reason, and the experiments that
-- follow an accepted proposal.
alter table circle_members add column on_committee boolean not null default false;

-- An expected outcome turned into a theme the network works on.
create table network_themes (
    org_id uuid not null,
    id uuid not null,
    circle_id uuid not null,
    name text not null check (char_length(btrim(name)) between 1 and 120),
    outcome text not null default '' check (char_length(outcome) <= 1000),
    created_by uuid,
    created_at timestamptz not null default now(),
    primary key (org_id, id),
    -- A proposal names its theme in the same network.
    unique (org_id, circle_id, id),
    foreign key (org_id, circle_id) references circles (org_id, id) on delete cascade,
    constraint network_themes_created_by foreign key (org_id, created_by)
        references memberships (org_id, person_id) on delete set null (created_by)
);
create unique index network_themes_name_key on network_themes (org_id, circle_id, lower(name));

-- A member's proposal: a problem, the change they propose, the experiment to run. Filed, it
-- waits for the committee; sent back, its author revises it and files it again; accepted, it
-- has its experiment; declined, it stays declined.
create table network_proposals (
    org_id uuid not null,
    id uuid not null,
    circle_id uuid not null,
    theme_id uuid,
    author_id uuid,
    title text not null check (char_length(btrim(title)) between 1 and 120),
    problem text not null check (char_length(btrim(problem)) between 1 and 2000),
    change text not null check (char_length(btrim(change)) between 1 and 2000),
    experiment text not null default '' check (char_length(experiment) <= 2000),
    state text not null default 'filed' check (state in ('filed', 'returned', 'accepted', 'declined')),
    -- The committee's comment (sent back) or reason (declined); optional on acceptance.
    decision_note text not null default '' check (char_length(decision_note) <= 1000),
    decided_by uuid,
    decided_at timestamptz,
    filed_at timestamptz not null default now(),
    created_at timestamptz not null default now(),
    primary key (org_id, id),
    -- The experiment's key: only an accepted proposal has one.
    unique (org_id, id, state),
    check (state not in ('returned', 'declined') or btrim(decision_note) <> ''),
    check ((state = 'filed') = (decided_at is null)),
    foreign key (org_id, circle_id) references circles (org_id, id) on delete cascade,
    foreign key (org_id, circle_id, theme_id) references network_themes (org_id, circle_id, id),
    constraint network_proposals_author foreign key (org_id, author_id)
        references memberships (org_id, person_id) on delete set null (author_id),
    constraint network_proposals_decided_by foreign key (org_id, decided_by)
        references memberships (org_id, person_id) on delete set null (decided_by)
);
create index network_proposals_circle on network_proposals (org_id, circle_id, filed_at desc);

-- What an accepted proposal became. Its key holds the proposal's state: a proposal that is not
-- accepted can have no experiment, and an accepted one with an experiment stays accepted.
create table network_experiments (
    org_id uuid not null,
    proposal_id uuid not null,
    proposal_state text not null default 'accepted' check (proposal_state = 'accepted'),
    state text not null default 'planned' check (state in ('planned', 'running', 'concluded')),
    starts_on date,
    ends_on date,
    result text not null default '' check (char_length(result) <= 2000),
    updated_by uuid,
    updated_at timestamptz not null default now(),
    primary key (org_id, proposal_id),
    foreign key (org_id, proposal_id, proposal_state)
        references network_proposals (org_id, id, state) on delete cascade,
    check (ends_on is null or starts_on is null or ends_on >= starts_on),
    check (state = 'planned' or starts_on is not null),
    check (state <> 'concluded' or (ends_on is not null and btrim(result) <> '')),
    constraint network_experiments_updated_by foreign key (org_id, updated_by)
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
                    'edited_charter',
                    'added_theme', 'set_network_roles', 'filed_proposal',
                    'accepted_proposal', 'returned_proposal', 'declined_proposal',
                    'updated_experiment'));
