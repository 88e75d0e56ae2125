-- A practice is a short experience report (seed 001): the context, what was done (the post's
-- body), what happened, what was hard, and a few tags. Each text is kept as typed and as the
-- HTML the page shows (rendered once, on the server, like a post's body).
create table practices (
    org_id uuid not null,
    post_id uuid not null,
    context text not null default '' check (length(context) <= 1000),
    context_html text not null default '',
    outcome text not null default '' check (length(outcome) <= 1000),
    outcome_html text not null default '',
    difficulty text not null default '' check (length(difficulty) <= 1000),
    difficulty_html text not null default '',
    tags text[] not null default '{}' check (cardinality(tags) <= 5),
    primary key (org_id, post_id),
    foreign key (org_id, post_id) references posts (org_id, id) on delete cascade
);

-- The view lists show posts through, with a practice's parts as one JSON value.
create or replace view post_cards as
select p.org_id, p.id, p.circle_id, p.parent_id, p.author_id, p.kind, p.body, p.created_at,
       c.name as circle_name, pe.display_name as author_name,
       (select count(*) from posts r where r.org_id = p.org_id and r.parent_id = p.id) as reply_count,
       (select count(*) from reactions x
        where x.org_id = p.org_id and x.post_id = p.id and x.kind = 'useful') as useful_count,
       (select count(*) from reactions x
        where x.org_id = p.org_id and x.post_id = p.id and x.kind = 'will_try') as will_try_count,
       p.body_html,
       (select jsonb_build_object('context_html', pr.context_html, 'outcome_html', pr.outcome_html,
                                  'difficulty_html', pr.difficulty_html, 'tags', to_jsonb(pr.tags))
        from practices pr where pr.org_id = p.org_id and pr.post_id = p.id) as practice
from posts p
join circles c on c.org_id = p.org_id and c.id = p.circle_id
join people pe on pe.id = p.author_id;
