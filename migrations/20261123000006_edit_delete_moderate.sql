-- Authors edit and delete their posts; anyone reports a post; an animator hides or restores it.

-- `version` counts edits: an edit names the version it was made on, and one made on an older
-- version is refused with the current text (never silently overwritten). A deleted post is
-- kept (its events and replies refer to it) but no list, thread or library shows it again.
-- A hidden post shows its place, not its text, except to its author and the animators.
alter table posts
    add column version integer not null default 1 check (version >= 1),
    add column edited_at timestamptz,
    add column deleted_at timestamptz,
    add column hidden_at timestamptz,
    add column hidden_reason text check (length(hidden_reason) <= 500),
    add constraint posts_hidden_with_reason check ((hidden_at is null) = (hidden_reason is null));

-- One report per person and post, with why; an animator's decision on the post (hide, restore,
-- keep visible) handles the reports open until then. Reporting again reopens one's report.
create table post_reports (
    org_id uuid not null,
    post_id uuid not null,
    reporter_id uuid not null,
    reason text not null check (length(btrim(reason)) between 1 and 500),
    created_at timestamptz not null default now(),
    handled_at timestamptz,
    primary key (org_id, post_id, reporter_id),
    foreign key (org_id, post_id) references posts (org_id, id) on delete cascade,
    foreign key (org_id, reporter_id) references memberships (org_id, person_id) on delete cascade
);
create index post_reports_open on post_reports (org_id, created_at) where handled_at is null;

-- Every decision an animator took on a post, with its reason: the history is kept, the post
-- holds only the current state.
create table post_moderations (
    org_id uuid not null,
    id bigint generated always as identity,
    post_id uuid not null,
    moderator_id uuid,
    hidden boolean not null,
    reason text not null check (length(btrim(reason)) between 1 and 500),
    -- The text the decision was taken on (the author may edit it afterwards).
    version integer not null,
    body text not null,
    created_at timestamptz not null default now(),
    primary key (org_id, id),
    foreign key (org_id, post_id) references posts (org_id, id) on delete cascade,
    foreign key (org_id, moderator_id) references memberships (org_id, person_id) on delete set null (moderator_id)
);
create index post_moderations_post on post_moderations (org_id, post_id, created_at);

alter table activity_events drop constraint activity_events_kind_check;
alter table activity_events add constraint activity_events_kind_check
    check (kind in ('signed_in', 'asked_question', 'shared_practice', 'replied',
                    'reacted_useful', 'reacted_will_try', 'undid_useful', 'undid_will_try',
                    'tried_practice', 'promoted_practice',
                    'deleted_post', 'hid_post', 'restored_post'));

-- Deleted posts leave every list, and so do the replies of a deleted question or practice (and
-- the counts); a practice's parts come as typed too, to edit them.
create or replace view post_cards as
select p.org_id, p.id, p.circle_id, p.parent_id, p.author_id, p.kind, p.body, p.created_at,
       c.name as circle_name, pe.display_name as author_name,
       (select count(*) from posts r
        where r.org_id = p.org_id and r.parent_id = p.id and r.deleted_at is null) as reply_count,
       (select count(*) from reactions x
        where x.org_id = p.org_id and x.post_id = p.id and x.kind = 'useful') as useful_count,
       (select count(*) from reactions x
        where x.org_id = p.org_id and x.post_id = p.id and x.kind = 'will_try') as will_try_count,
       p.body_html,
       (select jsonb_build_object('context_html', pr.context_html, 'outcome_html', pr.outcome_html,
                                  'difficulty_html', pr.difficulty_html, 'tags', to_jsonb(pr.tags),
                                  'context', pr.context, 'outcome', pr.outcome,
                                  'difficulty', pr.difficulty)
        from practices pr where pr.org_id = p.org_id and pr.post_id = p.id) as practice,
       p.version, p.edited_at, p.hidden_at, p.hidden_reason,
       (select count(*) from post_reports rp
        where rp.org_id = p.org_id and rp.post_id = p.id and rp.handled_at is null) as open_reports
from posts p
join circles c on c.org_id = p.org_id and c.id = p.circle_id
join people pe on pe.id = p.author_id
where p.deleted_at is null
  and not exists (select 1 from posts pp
                  where pp.org_id = p.org_id and pp.id = p.parent_id and pp.deleted_at is not null);
