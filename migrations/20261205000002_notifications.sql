-- Notifications: what a person is told of, in the app (e-mail comes later, from the same rows).
-- Each is made from the activity event that concerns them, in the event's own statement
-- (app/src/activity.rs `record`, the one place that makes them): a reply to their post, their
-- practice tried or promoted, a prompt opened in their circle, a session of their circle
-- tomorrow, their proposal decided. `due_at` is when it is shown: a prompt's opening, a day
-- before a session; now for the others.
create table notifications (
    org_id uuid not null,
    id uuid not null default gen_random_uuid(),
    person_id uuid not null,
    kind text not null check (kind in ('reply', 'practice_tried', 'practice_promoted',
                                       'prompt_opened', 'session_soon', 'proposal_decided')),
    event_id bigint not null,
    -- Who did what it tells of. (Leaving the organisation deletes their events, and with them
    -- these rows: the set null below is a guard, not a path taken today.)
    actor_id uuid,
    circle_id uuid not null,
    -- What opening it shows: the thread (a post), the session, the proposal.
    target_id uuid not null,
    due_at timestamptz not null default now(),
    read_at timestamptz,
    primary key (org_id, id),
    foreign key (org_id, person_id) references memberships (org_id, person_id) on delete cascade,
    foreign key (org_id, event_id) references activity_events (org_id, id) on delete cascade,
    foreign key (org_id, circle_id) references circles (org_id, id) on delete cascade,
    constraint notifications_actor foreign key (org_id, actor_id)
        references memberships (org_id, person_id) on delete set null (actor_id)
);
-- A person's list, newest first, and their unread count.
create index notifications_person on notifications (org_id, person_id, due_at desc, id);
create index notifications_unread on notifications (org_id, person_id, due_at) where read_at is null;
-- A practice tried or promoted again (after taking it back) tells its author once per person.
create unique index notifications_once on notifications (org_id, person_id, kind, target_id, actor_id)
    where kind in ('practice_tried', 'practice_promoted');

-- What a person is shown, counted and listed alike: what is due, less a session's reminder
-- once they said they will not go; less what is about a circle they have left (back when they
-- come back; the animators read every circle), and about a post deleted or hidden since (the
-- post it opens, or the reply it tells of).
create view shown_notifications as
select n.*
from notifications n
where n.due_at <= now()
  and not (n.kind = 'session_soon'
           and exists (select 1 from session_answers a
                       where a.org_id = n.org_id and a.session_id = n.target_id
                         and a.person_id = n.person_id and not a.going))
  and (exists (select 1 from circle_members m
               where m.org_id = n.org_id and m.circle_id = n.circle_id and m.person_id = n.person_id)
       or exists (select 1 from memberships m
                  where m.org_id = n.org_id and m.person_id = n.person_id and m.role = 'animator'))
  and not exists (select 1 from posts p
                  where p.org_id = n.org_id and p.id = n.target_id and p.deleted_at is not null)
  and not (n.kind = 'reply'
           and exists (select 1 from activity_events e join posts r on r.org_id = e.org_id and r.id = e.subject_id
                       where e.org_id = n.org_id and e.id = n.event_id
                         and (r.deleted_at is not null or r.hidden_at is not null)));
