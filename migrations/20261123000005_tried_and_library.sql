-- Circles, second part: "I tried it" on a practice, with the team of the person who tried it,
-- and the organisation's practice library ("la mallette"), searched with Postgres full text.

-- A member took up a practice and says how it went: one account per person and practice (a
-- second one replaces the text, not the team or the date). The team is theirs at that moment
-- (the first of their teams by id, as activity events record it), kept even if they move on,
-- so the practice page can show how it spread from team to team.
create table tryouts (
    org_id uuid not null,
    id uuid not null,
    post_id uuid not null,
    person_id uuid not null,
    team_id uuid,
    body text not null check (length(body) between 1 and 2000),
    body_html text not null,
    created_at timestamptz not null default now(),
    primary key (org_id, id),
    constraint tryouts_once unique (org_id, post_id, person_id),
    foreign key (org_id, post_id) references practices (org_id, post_id) on delete cascade,
    foreign key (org_id, person_id) references memberships (org_id, person_id) on delete cascade,
    foreign key (org_id, team_id) references teams (org_id, id) on delete set null (team_id)
);
create index tryouts_practice on tryouts (org_id, post_id, created_at);

alter table activity_events drop constraint activity_events_kind_check;
alter table activity_events add constraint activity_events_kind_check
    check (kind in ('signed_in', 'asked_question', 'shared_practice', 'replied',
                    'reacted_useful', 'reacted_will_try', 'undid_useful', 'undid_will_try',
                    'tried_practice', 'promoted_practice'));

-- Search that ignores accents ("equipe" finds "équipe") and word endings ("réunions" finds
-- "réunion"), in French and in English: each configuration strips accents, then stems.
create extension if not exists unaccent;
create text search configuration apprenance_fr (copy = french);
alter text search configuration apprenance_fr
    alter mapping for hword, hword_part, word with unaccent, french_stem;
create text search configuration apprenance_en (copy = english);
alter text search configuration apprenance_en
    alter mapping for hword, hword_part, word with unaccent, english_stem;

-- A practice an animator promoted into the organisation's library, with themes and skills.
-- Every member of the organisation reads it there, whichever circle it was shared in.
-- `document` is the text searched: the practice's parts, tags, themes and skills in both
-- configurations, made when it is promoted (and again whenever one of them changes).
create table library_entries (
    org_id uuid not null,
    post_id uuid not null,
    promoted_by uuid,
    promoted_at timestamptz not null default now(),
    themes text[] not null default '{}' check (cardinality(themes) <= 5),
    skills text[] not null default '{}' check (cardinality(skills) <= 5),
    document tsvector not null,
    primary key (org_id, post_id),
    foreign key (org_id, post_id) references practices (org_id, post_id) on delete cascade,
    foreign key (org_id, promoted_by) references memberships (org_id, person_id) on delete set null (promoted_by)
);
create index library_entries_document on library_entries using gin (document);
create index library_entries_recent on library_entries (org_id, promoted_at desc);
create index library_entries_themes on library_entries using gin (themes);
create index library_entries_skills on library_entries using gin (skills);

-- The searched text of a library entry, from its practice and the entry's own words.
create function library_document(p_org uuid, p_post uuid, p_themes text[], p_skills text[])
returns tsvector language sql stable as $$
    select to_tsvector('apprenance_fr', d) || to_tsvector('apprenance_en', d)
    from (select concat_ws(' ', p.body, pr.context, pr.outcome, pr.difficulty,
                           array_to_string(pr.tags, ' '), array_to_string(p_themes, ' '),
                           array_to_string(p_skills, ' ')) as d
          from posts p join practices pr on pr.org_id = p.org_id and pr.post_id = p.id
          where p.org_id = p_org and p.id = p_post) s
$$;

-- Practices written as one text before they had parts (the demo's, and replies the threads
-- migration turned into practices) get their row, so they can be tried and promoted.
insert into practices (org_id, post_id)
select org_id, id from posts where kind = 'practice'
on conflict do nothing;
