-- Animators run circles: they create them, add and remove members, archive and reopen them.
-- An archived circle is still read (its members and the animators), but takes no new post,
-- reply or reaction; it leaves the members' home page.
alter table circles
    add column archived_at timestamptz,
    add column created_by uuid,
    add constraint circles_created_by foreign key (org_id, created_by)
        references memberships (org_id, person_id) on delete set null (created_by);
-- Two circles of an organisation may not share a name (a person picks from a list by name).
create unique index circles_name_key on circles (org_id, lower(name));

-- Who added whom: a member's row keeps who added them (null: from the start, or an admin tool).
alter table circle_members
    add column added_by uuid,
    add constraint circle_members_added_by foreign key (org_id, added_by)
        references memberships (org_id, person_id) on delete set null (added_by);

alter table activity_events drop constraint activity_events_kind_check;
alter table activity_events add constraint activity_events_kind_check
    check (kind in ('signed_in', 'asked_question', 'shared_practice', 'replied',
                    'reacted_useful', 'reacted_will_try', 'undid_useful', 'undid_will_try',
                    'tried_practice', 'promoted_practice',
                    'deleted_post', 'hid_post', 'restored_post',
                    'created_circle', 'added_member', 'removed_member',
                    'archived_circle', 'reopened_circle'));
