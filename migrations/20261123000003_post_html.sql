-- Post text as the page shows it: a small Markdown subset rendered to sanitised HTML once, when
-- the post is written (app/src/ui/markdown.rs), not on every read. Posts written before are
-- rendered by the server at start-up (`circles::posts::render_missing_html`); clearing the
-- column re-renders every post after a change of the rules.
alter table posts add column body_html text check (length(body_html) <= 20000);

create or replace view post_cards as
select p.org_id, p.id, p.circle_id, p.parent_id, p.author_id, p.kind, p.body, p.created_at,
       c.name as circle_name, pe.display_name as author_name,
       (select count(*) from posts r where r.org_id = p.org_id and r.parent_id = p.id) as reply_count,
       (select count(*) from reactions x
        where x.org_id = p.org_id and x.post_id = p.id and x.kind = 'useful') as useful_count,
       (select count(*) from reactions x
        where x.org_id = p.org_id and x.post_id = p.id and x.kind = 'will_try') as will_try_count,
       p.body_html
from posts p
join circles c on c.org_id = p.org_id and c.id = p.circle_id
join people pe on pe.id = p.author_id;
