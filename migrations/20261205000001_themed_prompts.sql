-- Themed prompts: a question or a debate theme an animator puts to one or more circles, open
-- between two instants. In each circle it stands as a post of kind 'prompt' (its thread), so
-- members answer it as replies, which every reply's machinery (offline, edits, moderation,
-- reactions) already serves; the prompt's row holds what is shared: its words and its window.
create table prompts (
    org_id uuid not null,
    id uuid not null,
    kind text not null check (kind in ('question', 'debate')),
    body text not null check (char_length(btrim(body)) between 1 and 500),
    opens_at timestamptz not null,
    closes_at timestamptz not null,
    -- The time zone its times were typed in.
    time_zone text not null check (time_zone ~ '^[A-Za-z0-9_+/-]{1,64}$'),
    created_by uuid,
    created_at timestamptz not null default now(),
    primary key (org_id, id),
    check (closes_at > opens_at),
    constraint prompts_created_by foreign key (org_id, created_by)
        references memberships (org_id, person_id) on delete set null (created_by)
);
create index prompts_recent on prompts (org_id, opens_at desc, id);

alter table posts drop constraint posts_kind_check;
alter table posts
    add constraint posts_kind_check check (kind in ('question', 'practice', 'reply', 'prompt')),
    add column prompt_id uuid,
    add constraint posts_prompt foreign key (org_id, prompt_id) references prompts (org_id, id) on delete cascade,
    add constraint posts_prompt_kind check ((kind = 'prompt') = (prompt_id is not null));
-- One thread per prompt and circle; a circle's open prompts are found from the prompt.
create unique index posts_prompt_circle on posts (org_id, prompt_id, circle_id) where prompt_id is not null;

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
                    'scheduled_session', 'answered_session', 'attended_session', 'unattended_session',
                    'scheduled_prompt', 'answered_prompt'));
