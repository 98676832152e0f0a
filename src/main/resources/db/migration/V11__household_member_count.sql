-- How many people a household has, kept on the household: leaders' figures sum it instead of joining every
-- member row (a city's figure read 78,596 member rows for 24,456 households; ten cities ten times that).
alter table household add column member_count integer not null default 0 check (member_count >= 0);

update household h set member_count = (select count(*) from household_member m where m.household_id = h.id);

-- kept true by the members' own statements; a household whose count is already right (a bulk load that wrote
-- it) is left alone. An update runs it twice, over the rows before and after, so that a member moved between
-- households changes both counts.
create function household_members_counted() returns trigger
    language plpgsql
as $$
begin
    update household h set member_count = c.members
    from (select ch.household_id, (select count(*) from household_member m where m.household_id = ch.household_id) as members
          from (select distinct household_id from changed) ch) c
    where h.id = c.household_id and h.member_count <> c.members;
    return null;
end
$$;

create trigger household_member_inserted_counted after insert on household_member
    referencing new table as changed
    for each statement execute function household_members_counted();
create trigger household_member_updated_counted after update on household_member
    referencing new table as changed
    for each statement execute function household_members_counted();
create trigger household_member_moved_counted after update on household_member
    referencing old table as changed
    for each statement execute function household_members_counted();
create trigger household_member_deleted_counted after delete on household_member
    referencing old table as changed
    for each statement execute function household_members_counted();
