-- The sync engine's idempotency ledger, and sign-in limits that count atomically.

-- One row per write a person's device sent, whatever its kind: the write's client id (made on
-- the device) maps to the result of its first application. The row is inserted in the same
-- transaction as the write itself, so a write and its ledger row exist together or not at all,
-- and a replay of the same client id returns the stored result instead of applying it again.
create table write_ledger (
    org_id uuid not null,
    person_id uuid not null,
    client_id uuid not null,
    -- The kind of write ('ask_question', ...): the same id reused for another kind is refused.
    kind text not null check (kind ~ '^[a-z_]{1,60}$'),
    -- What the write touched (the post it created, ...), for the device to match it on screen.
    subject_id uuid,
    -- The write's arguments: the same id sent with other arguments is refused, not taken for
    -- a replay (null for rows carried over from posts.client_id).
    args jsonb,
    -- The handler's result as first returned (null for rows carried over from posts.client_id).
    result jsonb,
    applied_at timestamptz not null default now(),
    primary key (org_id, person_id, client_id),
    -- Not tied to the membership: removing and re-adding someone must not let their device's
    -- queued writes apply a second time.
    foreign key (org_id) references organisations (id) on delete cascade
);

-- Questions asked before the ledger existed keep their exactly-once guarantee.
insert into write_ledger (org_id, person_id, client_id, kind, subject_id, applied_at)
select org_id, author_id, client_id, 'ask_question', id, created_at from posts where client_id is not null;

alter table posts drop constraint posts_client_id_key;
alter table posts drop column client_id;

-- Sign-in attempts, counted per (account, address) pair and per address in fixed windows.
-- One upsert both counts an attempt and returns the count, so parallel guesses cannot slip
-- past the limit between a check and a write.
create table sign_in_counters (
    -- 'pair:<lower(email)>|<address>' or 'address:<address>'
    key text primary key check (length(key) <= 400),
    window_start timestamptz not null default now(),
    attempts int not null default 0
);
create index sign_in_counters_window on sign_in_counters (window_start);

drop table sign_in_failures;

-- The home page's latest posts across an organisation's circles, newest first.
create index posts_org_recent on posts (org_id, created_at desc, id desc);

-- Activity events that dashboards can count without joining every table: what the action was
-- about (its subject's kind beside its id) and where it happened (the circle, and the actor's
-- team at that moment: the first of their teams by id when they have several).
alter table activity_events
    add column subject_kind text check (subject_kind ~ '^[a-z_]{1,40}$'),
    add column circle_id uuid,
    add column team_id uuid,
    add constraint activity_events_subject check ((subject_id is null) = (subject_kind is null)),
    add foreign key (org_id, circle_id) references circles (org_id, id) on delete set null (circle_id),
    add foreign key (org_id, team_id) references teams (org_id, id) on delete set null (team_id);
update activity_events e
set subject_kind = 'post', circle_id = p.circle_id
from posts p
where p.org_id = e.org_id and p.id = e.subject_id
  and e.kind in ('asked_question', 'shared_practice', 'replied');
update activity_events e
set team_id = (select min(tm.team_id::text)::uuid from team_members tm
               where tm.org_id = e.org_id and tm.person_id = e.person_id);
create index activity_events_circle on activity_events (org_id, circle_id, occurred_at desc) where circle_id is not null;
create index activity_events_team on activity_events (org_id, team_id, occurred_at desc) where team_id is not null;
