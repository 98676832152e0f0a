-- Projects kept through the API (issue 17): a project enters the county's pipeline (入库) with the money planned,
-- moves through approval, implementation, completion and acceptance (验收) to its assets handed over, one recorded
-- step at a time; its money is allocated per source by documents and spent against vouchers, never beyond what a
-- source allocated; it benefits households; it leaves assets. Figures read spending and status as they stood on
-- a day from the dated rows here, not from flags.

-- The status gains acceptance (竣工验收) between completion and the assets' handover.
alter table project drop constraint project_status_check;
alter table project add constraint project_status_check
    check (status in ('PIPELINE', 'APPROVED', 'IN_PROGRESS', 'COMPLETED', 'ACCEPTED', 'ASSETS_HANDED_OVER'));

alter table project
    add column version integer not null default 1 check (version >= 1),
    -- the money planned when the project entered the pipeline (计划投资), whatever is allocated later
    add column planned_fen bigint;
update project p set planned_fen = (select coalesce(sum(a.planned_fen), 0) from fund_allocation a where a.project_id = p.id);
alter table project alter column planned_fen set not null,
    add constraint project_planned_check check (planned_fen >= 0);

-- Each source's allocation names the document that allocated it (资金下达文件, 文号) and its date; allocations
-- made before this migration have none.
alter table fund_allocation
    add column document_number text check (length(document_number) between 1 and 100),
    add column allocated_on date,
    add constraint fund_allocation_documented check ((document_number is null) = (allocated_on is null));

-- The steps of a project, never changed or removed: where it stood on any day.
create table project_step (
    id              bigint      generated always as identity primary key,
    project_id      bigint      not null references project,
    from_status     text,
    to_status       text        not null check (to_status in ('PIPELINE', 'APPROVED', 'IN_PROGRESS', 'COMPLETED',
                                                              'ACCEPTED', 'ASSETS_HANDED_OVER')),
    occurred_on     date        not null,
    -- the document of the step: the approval (批复文号), the acceptance (验收), the handover (移交)
    document_number text        check (length(document_number) between 1 and 100),
    note            text        check (length(note) <= 1000),
    recorded_at     timestamptz not null default now(),
    actor_user_id   bigint      references app_user,
    actor_name      text        not null,
    actor_role      text        not null,
    check (from_status is distinct from to_status)
);
create index project_step_project_idx on project_step (project_id, occurred_on, id);

create function project_step_append_only() returns trigger
    language plpgsql
as $$
begin
    raise exception 'project steps are never changed or removed: % is recorded for good', old.id;
end
$$;
create trigger project_step_append_only before update or delete on project_step
    for each row execute function project_step_append_only();

-- Money spent on a project from one source (支出), against a voucher (凭证号). Allocations keep the sum of their
-- spending in spent_fen (a trigger, below), and may never have spent more than they allocated: the database
-- refuses spending beyond an allocation whoever writes it, and an allocation lowered below what was spent.
create table project_spending (
    id              bigint      generated always as identity primary key,
    project_id      bigint      not null,
    source          text        not null,
    amount_fen      bigint      not null check (amount_fen > 0),
    spent_on        date        not null,
    voucher_number  text        not null check (length(voucher_number) between 1 and 100),
    recorded_at     timestamptz not null default now(),
    foreign key (project_id, source) references fund_allocation (project_id, source),
    unique (project_id, source, voucher_number)
);
-- a project's spending up to a day, read by index alone
create index project_spending_project_idx on project_spending (project_id, source, spent_on) include (amount_fen);

-- What was spent before this migration becomes one spending of each allocation, on the last day of the project's
-- year (the records kept no dates): figures as of that year's end stay as they were.
insert into project_spending (project_id, source, amount_fen, spent_on, voucher_number)
select a.project_id, a.source, a.spent_fen, make_date(p.year, 12, 31), '历史数据'
from fund_allocation a join project p on p.id = a.project_id
where a.spent_fen > 0;

alter table fund_allocation add constraint fund_allocation_spent_within_allocated check (spent_fen <= planned_fen);

create function project_spending_counted() returns trigger
    language plpgsql security definer set search_path = public
as $$
begin
    update fund_allocation a set spent_fen = a.spent_fen + s.amount
    from (select project_id, source, sum(amount_fen) as amount from changed group by project_id, source) s
    where a.project_id = s.project_id and a.source = s.source;
    return null;
end
$$;
create trigger project_spending_counted after insert on project_spending
    referencing new table as changed
    for each statement execute function project_spending_counted();

create function project_spending_append_only() returns trigger
    language plpgsql
as $$
begin
    raise exception 'spending is never changed or removed: correct it with a new record (%)', old.id;
end
$$;
create trigger project_spending_append_only before update or delete on project_spending
    for each row execute function project_spending_append_only();

-- Assets a project created (扶贫项目资产), recorded at acceptance and handed over to an owner with a body that
-- keeps them up (管护主体).
create table project_asset (
    id                bigint      generated always as identity primary key,
    project_id        bigint      not null references project,
    name              text        not null check (length(trim(name)) between 1 and 100),
    -- 经营性 income-earning, 公益性 public, 到户类 given to households
    kind              text        not null check (kind in ('INCOME_EARNING', 'PUBLIC_WELFARE', 'TO_HOUSEHOLDS')),
    value_fen         bigint      not null check (value_fen > 0),
    owner             text        not null check (length(trim(owner)) between 1 and 100),
    maintenance_body  text        not null check (length(trim(maintenance_body)) between 1 and 100),
    recorded_on       date        not null,
    handed_over_on    date,
    check (handed_over_on >= recorded_on)
);
create index project_asset_project_idx on project_asset (project_id, id);

-- The households a project benefits (受益户); the project's counts follow them.
create table project_beneficiary (
    project_id    bigint not null references project,
    household_id  bigint not null,
    -- the household's village, kept for jurisdiction as on every household row
    village_id    bigint not null,
    primary key (project_id, household_id),
    foreign key (household_id, village_id) references household (id, village_id) on update cascade
);
create index project_beneficiary_household_idx on project_beneficiary (household_id);
create trigger project_beneficiary_village before insert or update on project_beneficiary
    for each row execute function household_row_village();

create function project_beneficiaries_counted() returns trigger
    language plpgsql security definer set search_path = public
as $$
begin
    -- as the owner: the counts are of every linked household, not of those the writer may see
    update project p
    set beneficiary_households = b.households, beneficiary_people = b.people
    from (select c.project_id,
                 (select count(*) from project_beneficiary pb where pb.project_id = c.project_id) as households,
                 (select coalesce(sum(h.member_count), 0) from project_beneficiary pb
                  join household h on h.id = pb.household_id where pb.project_id = c.project_id) as people
          from (select distinct project_id from changed) c) b
    where p.id = b.project_id;
    return null;
end
$$;
create trigger project_beneficiary_inserted after insert on project_beneficiary
    referencing new table as changed
    for each statement execute function project_beneficiaries_counted();
create trigger project_beneficiary_deleted after delete on project_beneficiary
    referencing old table as changed
    for each statement execute function project_beneficiaries_counted();

-- History: spending and assets are the project's; the beneficiaries show in its counts (their links name
-- households, which are personal data, and the project's history is for every signed-in user).
create trigger project_spending_history after insert or update or delete on project_spending
    for each row execute function record_history('PROJECT', 'project_id');
create trigger project_asset_history after insert or update or delete on project_asset
    for each row execute function record_history('PROJECT', 'project_id');

-- Who writes what: projects are read by every signed-in user, and written only within the writer's counties (or,
-- for progress reports, by the implementing unit's managers). The households a project benefits are read like
-- households.
create function bangfu_may_keep_project(county bigint, unit bigint) returns boolean
    language sql stable
as $$
    select bangfu_scope_all() or county in (select bangfu_scope_counties())
        or unit = any (string_to_array(coalesce(current_setting('bangfu.scope_units', true), ''), ',')::bigint[])
$$;

alter table project enable row level security;
create policy project_read on project for select to bangfu_app using (true);
create policy project_insert on project for insert to bangfu_app
    with check (bangfu_may_keep_project(county_id, implementing_unit_id));
create policy project_update on project for update to bangfu_app
    using (bangfu_may_keep_project(county_id, implementing_unit_id))
    with check (bangfu_may_keep_project(county_id, implementing_unit_id));

alter table fund_allocation enable row level security;
create policy fund_allocation_read on fund_allocation for select to bangfu_app using (true);
create policy fund_allocation_write on fund_allocation for all to bangfu_app
    using (exists (select from project p where p.id = project_id
                   and bangfu_may_keep_project(p.county_id, p.implementing_unit_id)))
    with check (exists (select from project p where p.id = project_id
                        and bangfu_may_keep_project(p.county_id, p.implementing_unit_id)));

alter table project_step enable row level security;
create policy project_step_read on project_step for select to bangfu_app using (true);
create policy project_step_insert on project_step for insert to bangfu_app
    with check (exists (select from project p where p.id = project_id
                        and bangfu_may_keep_project(p.county_id, p.implementing_unit_id)));

alter table project_spending enable row level security;
create policy project_spending_read on project_spending for select to bangfu_app using (true);
create policy project_spending_insert on project_spending for insert to bangfu_app
    with check (exists (select from project p where p.id = project_id
                        and bangfu_may_keep_project(p.county_id, p.implementing_unit_id)));

alter table project_asset enable row level security;
create policy project_asset_read on project_asset for select to bangfu_app using (true);
create policy project_asset_write on project_asset for all to bangfu_app
    using (exists (select from project p where p.id = project_id
                   and bangfu_may_keep_project(p.county_id, p.implementing_unit_id)))
    with check (exists (select from project p where p.id = project_id
                        and bangfu_may_keep_project(p.county_id, p.implementing_unit_id)));

alter table project_beneficiary enable row level security;
create policy project_beneficiary_in_scope on project_beneficiary to bangfu_app
    using (bangfu_scope_all() or village_id in (select bangfu_scope_villages()))
    with check (bangfu_scope_all() or village_id in (select bangfu_scope_villages()));

grant select, insert on project_step, project_spending to bangfu_app;
grant select, insert, update on project_asset to bangfu_app;
grant select, insert, delete on project_beneficiary to bangfu_app;
grant usage, select on all sequences in schema public to bangfu_app;
