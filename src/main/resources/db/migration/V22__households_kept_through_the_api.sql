-- Households kept through the API (issue 17): a household is included in monitoring through the workflow's steps
-- (纳入监测: found, verified at home, reviewed, confirmed), its members' births, deaths and moves are recorded with
-- their dates and nothing is deleted, a year's income is recorded by source with the per-capita figure computed,
-- and an assistance measure runs from its start to its result and its end.

-- A household known before it is included: found and being verified (IDENTIFIED), or verified and not included
-- (NOT_INCLUDED). Monitored and eliminated households are as before.
alter table household drop constraint household_status_check;
alter table household add constraint household_status_check
    check (status in ('IDENTIFIED', 'NOT_INCLUDED', 'MONITORING', 'RISK_ELIMINATED'));

-- the category a case proposes, which the county's confirmation gives the household
alter table monitoring_case add column category text check (category in ('UNSTABLE_OUT_OF_POVERTY',
    'MARGINAL_AT_RISK', 'SUDDEN_SEVERE_HARDSHIP'));

-- Members stay on record when they leave: deceased or moved out, with the day.
alter table household_member
    add column status  text    not null default 'PRESENT' check (status in ('PRESENT', 'DECEASED', 'MOVED_OUT')),
    add column left_on date,
    add column version integer not null default 1 check (version >= 1),
    add constraint household_member_left_with_a_day check ((status = 'PRESENT') = (left_on is null));

-- one head among the members present; a head who died stays on record as the head they were
drop index household_member_one_head;
create unique index household_member_one_head on household_member (household_id)
    where relation = 'HEAD' and status = 'PRESENT';

-- A household's people are its members present: the count the figures sum follows deaths and moves too.
create or replace function household_members_counted() returns trigger
    language plpgsql
as $$
begin
    update household h set member_count = c.members
    from (select ch.household_id,
                 (select count(*) from household_member m
                  where m.household_id = ch.household_id and m.status = 'PRESENT') as members
          from (select distinct household_id from changed) ch) c
    where h.id = c.household_id and h.member_count <> c.members;
    return null;
end
$$;

-- nothing of a member is deleted by the service: a member leaves
revoke delete on household_member from bangfu_app;

-- A year's income by source (家庭纯收入: wages, business, transfers, property), with the people it was shared by;
-- per_capita_income_fen is their sum over the people. Incomes recorded before have the per-capita figure alone.
alter table household_income
    add column wages_fen     bigint  check (wages_fen >= 0),
    add column business_fen  bigint  check (business_fen >= 0),
    add column transfer_fen  bigint  check (transfer_fen >= 0),
    add column property_fen  bigint  check (property_fen >= 0),
    add column people        integer check (people >= 1),
    add constraint household_income_sources_whole check (
        (wages_fen is null) = (business_fen is null) and (wages_fen is null) = (transfer_fen is null)
        and (wages_fen is null) = (property_fen is null) and (wages_fen is null) = (people is null)),
    add constraint household_income_per_capita_of_sources check (
        wages_fen is null
        or per_capita_income_fen = (wages_fen + business_fen + transfer_fen + property_fen) / people);

-- A measure's result (帮扶成效), recorded when it is known, and the measure's version.
alter table assistance_measure
    add column result     text check (length(result) between 1 and 1000),
    add column result_on  date,
    add column version    integer not null default 1 check (version >= 1),
    add constraint assistance_measure_result_dated check ((result is null) = (result_on is null)),
    add constraint assistance_measure_result_after_start check (result_on >= started_on);

-- A measure that ended without its result waits for the village's cadres to record it.
alter table task drop constraint task_kind_check;
alter table task add constraint task_kind_check check (kind in ('VERIFY_AT_HOME', 'PUBLIC_REVIEW', 'COUNTY_CONFIRMATION',
    'VERIFY_WARNING', 'MATCH_WARNING', 'RECORD_MEASURE_RESULT'));
alter table task add column measure_id bigint references assistance_measure,
    add constraint task_measure_of_its_kind check ((kind = 'RECORD_MEASURE_RESULT') = (measure_id is not null));
create index task_measure_idx on task (measure_id) where measure_id is not null;
