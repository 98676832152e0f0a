-- The monitoring figures count a household's people and group by its category, and did so by joining every case
-- they count to its household (issue 23: at 10× the whole data set's figure took 415 ms, 200 ms of it the join and
-- the households' row-level security). A case now carries its household's member count and category as they are
-- now, so those figures read the cases alone. They are copies, not history: the figures count the household as it
-- is, so every case of a household follows its household, in the transaction that changes it.
alter table monitoring_case
    add column household_member_count integer,
    add column household_category     text;

update monitoring_case c set household_member_count = h.member_count, household_category = h.category
from household h
where h.id = c.household_id;

alter table monitoring_case
    alter column household_member_count set not null,
    alter column household_category set not null;

-- A new case (or one moved onto another household) takes its household's values. The household is in the writer's
-- scope: the case's own policy holds it to the household's village.
create function monitoring_case_takes_household() returns trigger
    language plpgsql
as $$
begin
    select h.member_count, h.category into new.household_member_count, new.household_category
    from household h where h.id = new.household_id;
    return new;
end
$$;

create trigger monitoring_case_takes_household before insert or update of household_id on monitoring_case
    for each row execute function monitoring_case_takes_household();

-- A household's new count (its members' statements keep it, V11 and V22) or category reaches its cases. Row by row
-- with a condition: a trigger on named columns cannot have transition tables, and most household updates change
-- neither. Households are locked before their cases everywhere (the workflow and the visits lock the household
-- first), so this order adds no deadlock.
create function household_reaches_its_cases() returns trigger
    language plpgsql
as $$
begin
    update monitoring_case c set household_member_count = new.member_count, household_category = new.category
    where c.household_id = new.id;
    return null;
end
$$;

create trigger household_reaches_its_cases after update of member_count, category on household
    for each row
    when (old.member_count is distinct from new.member_count or old.category is distinct from new.category)
    execute function household_reaches_its_cases();
