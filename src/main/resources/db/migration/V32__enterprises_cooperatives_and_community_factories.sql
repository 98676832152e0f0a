-- The bodies that drive households (带动主体, issue 22): agricultural enterprises, cooperatives, family farms and
-- community factories (社区工厂), each located in a county and, when more local, a town and a village, registered
-- (opened) on a day and perhaps closed; and per body and year what it did: how it linked households out of poverty
-- (order production, jobs, dividends, land rent), how many households and people it linked, how many workers it
-- employed and how many of them were out of poverty or from monitored households; optionally which monitored
-- households' members it employed. The report's "1,233 enterprises and cooperatives drive 115,000 people" and
-- "1,017 community factories employ 37,800" are counted from these rows.

create table enterprise (
    id          bigint   generated always as identity primary key,
    name        text     not null check (length(trim(name)) between 2 and 100),
    kind        text     not null check (kind in ('ENTERPRISE', 'COOPERATIVE', 'FAMILY_FARM', 'COMMUNITY_FACTORY',
                                                  'OTHER')),
    industry    text     not null check (industry in ('TEA', 'KONJAC', 'PIGS', 'ECO_FISHERY', 'HERBAL_MEDICINE',
                                                      'COMMUNITY_FACTORY', 'OTHER')),
    county_id   bigint   not null references county,
    town_id     bigint,
    village_id  bigint,
    opened_on   date     not null,
    closed_on   date,
    version     integer  not null default 1 check (version >= 1),
    -- a body lies in a county, optionally narrowed to a town and a village of that county and town
    foreign key (town_id, county_id) references town (id, county_id),
    foreign key (village_id, town_id) references village (id, town_id),
    check (village_id is null or town_id is not null),
    check (closed_on >= opened_on)
);
create index enterprise_county_idx on enterprise (county_id, id);
create index enterprise_town_idx on enterprise (town_id, id);
create index enterprise_village_idx on enterprise (village_id, id);

-- What a body did in a year (年度带动情况). Counts are never negative; people linked are at least the households
-- linked; workers out of poverty and from monitored households are among the workers.
create table enterprise_year (
    id                       bigint   generated always as identity primary key,
    enterprise_id            bigint   not null references enterprise,
    year                     smallint not null check (year between 2000 and 2100),
    -- 订单生产, 产业用工, 收益分红, 土地流转, 其他
    modes                    text[]   not null default '{}' check (modes <@ array['ORDER_PRODUCTION', 'EMPLOYMENT',
                                                                               'DIVIDEND', 'LAND_RENT', 'OTHER']),
    linked_households        integer  not null check (linked_households between 0 and 100000),
    linked_people            integer  not null check (linked_people between 0 and 500000),
    workers                  integer  not null check (workers between 0 and 100000),
    workers_out_of_poverty   integer  not null check (workers_out_of_poverty >= 0),
    workers_from_monitored   integer  not null check (workers_from_monitored >= 0),
    version                  integer  not null default 1 check (version >= 1),
    unique (enterprise_id, year),
    check (linked_people >= linked_households),
    check (linked_households = 0 or linked_people > 0),
    check (workers_out_of_poverty <= workers),
    check (workers_from_monitored <= workers)
);
create index enterprise_year_year_idx on enterprise_year (year, enterprise_id);

-- The monitored households whose members a body employed in a year (吸纳监测对象就业), read like households.
create table enterprise_employed_household (
    enterprise_id  bigint   not null,
    year           smallint not null,
    household_id   bigint   not null,
    -- the household's village, kept for jurisdiction as on every household row
    village_id     bigint   not null,
    primary key (enterprise_id, year, household_id),
    foreign key (enterprise_id, year) references enterprise_year (enterprise_id, year),
    foreign key (household_id, village_id) references household (id, village_id) on update cascade
);
create index enterprise_employed_household_household_idx on enterprise_employed_household (household_id);
create trigger enterprise_employed_household_village before insert or update on enterprise_employed_household
    for each row execute function household_row_village();

-- History: a body and its years are on record (their employed households, which name households, are not: they
-- show in the year's counts).
alter table record_history drop constraint record_history_subject_type_check;
alter table record_history add constraint record_history_subject_type_check
    check (subject_type in ('HOUSEHOLD', 'PROJECT', 'CADRE', 'ASSISTANCE_UNIT', 'LEADER', 'SUPERVISION_ROUND',
                            'SUPERVISION_PROBLEM', 'VILLAGE', 'ENTERPRISE'));
create trigger enterprise_history after insert or update or delete on enterprise
    for each row execute function record_history('ENTERPRISE', 'id');
create trigger enterprise_year_history after insert or update or delete on enterprise_year
    for each row execute function record_history('ENTERPRISE', 'enterprise_id');

-- Who sees and writes what: a body where it lies, as tasks and warnings (V12): in a village in scope, or, without a
-- village, in a town or county the user's grants cover whole. Its years as the body; its employed households as
-- households.
-- The policy is written out rather than called as a function: a SQL function called per row is planned anew on
-- every call (see V17), where the scope functions in sub-selects here run once per statement.
alter table enterprise enable row level security;
create policy enterprise_in_scope on enterprise to bangfu_app
    using (bangfu_scope_all() or village_id in (select bangfu_scope_villages())
           or (village_id is null and (town_id in (select bangfu_scope_towns())
                                       or county_id in (select bangfu_scope_counties()))))
    with check (bangfu_scope_all() or village_id in (select bangfu_scope_villages())
                or (village_id is null and (town_id in (select bangfu_scope_towns())
                                            or county_id in (select bangfu_scope_counties()))));

alter table enterprise_year enable row level security;
create policy enterprise_year_in_scope on enterprise_year to bangfu_app
    using (enterprise_id in (select e.id from enterprise e))
    with check (enterprise_id in (select e.id from enterprise e));

alter table enterprise_employed_household enable row level security;
create policy enterprise_employed_household_in_scope on enterprise_employed_household to bangfu_app
    using (bangfu_scope_all() or village_id in (select bangfu_scope_villages()))
    with check (bangfu_scope_all() or village_id in (select bangfu_scope_villages()));

grant select, insert, update on enterprise, enterprise_year to bangfu_app;
grant select, insert, delete on enterprise_employed_household to bangfu_app;
grant usage, select on all sequences in schema public to bangfu_app;
