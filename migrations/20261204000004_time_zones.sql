-- Times are shown in each person's time zone: theirs when they chose one, else their
-- organisation's (Europe/Paris unless it says otherwise). IANA names; the application checks
-- them against its time zone database before storing one.
alter table organisations
    add column time_zone text not null default 'Europe/Paris' check (time_zone ~ '^[A-Za-z0-9_+/-]{1,64}$');
alter table people add column time_zone text check (time_zone ~ '^[A-Za-z0-9_+/-]{1,64}$');
