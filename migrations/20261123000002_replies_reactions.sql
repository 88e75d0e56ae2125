-- Circles, first part: replies in a thread under a question or a practice, and reactions
-- ("useful", "I'll try it"), one of each per person and post, undoable.

-- A reply belongs to a question or a practice of the same circle (the foreign key holds the
-- circle; one level, no reply to a reply, is checked by the write). Deleting the post deletes
-- its thread.
alter table posts
    add column parent_id uuid,
    add constraint posts_in_circle unique (org_id, circle_id, id),
    add constraint posts_parent_in_circle foreign key (org_id, circle_id, parent_id)
        references posts (org_id, circle_id, id) on delete cascade;
-- Replies written before threads existed (the demo's) answer the question or practice before
-- them in their circle; one with nothing before it stands as a practice.
update posts r
set parent_id = (select p.id from posts p
                 where p.org_id = r.org_id and p.circle_id = r.circle_id and p.kind <> 'reply'
                   and (p.created_at, p.id) < (r.created_at, r.id)
                 order by p.created_at desc, p.id desc limit 1)
where r.kind = 'reply';
with alone as (update posts set kind = 'practice' where kind = 'reply' and parent_id is null returning org_id, id)
update activity_events e set kind = 'shared_practice'
from alone a where e.org_id = a.org_id and e.subject_id = a.id and e.kind = 'replied';
alter table posts add constraint posts_reply_has_parent check ((kind = 'reply') = (parent_id is not null));
-- A thread, oldest reply first.
create index posts_thread on posts (org_id, parent_id, created_at, id) where parent_id is not null;

-- Lists of questions and practices leave replies out.
drop index posts_circle_recent;
create index posts_circle_recent on posts (org_id, circle_id, created_at desc, id desc) where parent_id is null;
drop index posts_org_recent;
create index posts_org_recent on posts (org_id, created_at desc, id desc) where parent_id is null;

create table reactions (
    org_id uuid not null,
    post_id uuid not null,
    person_id uuid not null,
    kind text not null check (kind in ('useful', 'will_try')),
    created_at timestamptz not null default now(),
    primary key (org_id, post_id, person_id, kind),
    foreign key (org_id, post_id) references posts (org_id, id) on delete cascade,
    foreign key (org_id, person_id) references memberships (org_id, person_id) on delete cascade
);

-- Reacting and taking a reaction back are activity too: challenges and dashboards discount
-- an undone reaction.
alter table activity_events drop constraint activity_events_kind_check;
alter table activity_events add constraint activity_events_kind_check
    check (kind in ('signed_in', 'asked_question', 'shared_practice', 'replied',
                    'reacted_useful', 'reacted_will_try', 'undid_useful', 'undid_will_try'));

-- A post as lists show it: with its circle's and author's names, its number of replies and of
-- each reaction. Postgres inlines the view, so a query's filters and limit apply before the
-- counts are made.
create view post_cards as
select p.org_id, p.id, p.circle_id, p.parent_id, p.author_id, p.kind, p.body, p.created_at,
       c.name as circle_name, pe.display_name as author_name,
       (select count(*) from posts r where r.org_id = p.org_id and r.parent_id = p.id) as reply_count,
       (select count(*) from reactions x
        where x.org_id = p.org_id and x.post_id = p.id and x.kind = 'useful') as useful_count,
       (select count(*) from reactions x
        where x.org_id = p.org_id and x.post_id = p.id and x.kind = 'will_try') as will_try_count
from posts p
join circles c on c.org_id = p.org_id and c.id = p.circle_id
join people pe on pe.id = p.author_id;
