-- Replies per person per minute are limited (ui::text::MAX_REPLIES_PER_MINUTE): the count of a
-- person's recent replies reads this index, not the organisation's posts.
create index posts_author_replies on posts (org_id, author_id, created_at desc) where parent_id is not null;
