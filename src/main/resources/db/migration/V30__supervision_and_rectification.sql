-- Supervision-and-help rounds and the rectification of what they find (督帮、问题整改; issue 22): the city sends
-- rounds of concentrated supervision (集中督帮) over counties, functional zones, towns, villages and municipal
-- departments; each problem a round finds is assigned to whoever must put it right, with a deadline, rectified with
-- evidence and closed after the round's owner reviewed it (整改销号), or sent back. The report's "5 rounds ... 301
-- problems rectified" is counted from these rows.

-- A round, kept by the city: its owner is the account that reviews its problems' rectification. Rounds loaded from a
-- data set have no owner account: the city's leaders review them.
create table supervision_round (
    id             bigint      generated always as identity primary key,
    city_id        bigint      not null references city,
    year           integer     not null check (year between 2000 and 2100),
    name           text        not null check (length(trim(name)) between 2 and 100),
    -- who organised it, e.g. 市委农办、市乡村振兴局
    organiser      text        not null check (length(trim(organiser)) between 2 and 100),
    owner_user_id  bigint      references app_user,
    started_on     date        not null,
    ended_on       date        not null,
    version        integer     not null default 1 check (version >= 1),
    created_at     timestamptz not null default now(),
    check (ended_on >= started_on),
    check (extract(year from started_on) = year),
    unique (city_id, year, name)
);
create index supervision_round_year_idx on supervision_round (city_id, year, id);

-- What a round covered, one row per area or body named: a county (county_id alone), a town (with its county), a
-- village (with its town and county), a functional zone (高新区, 恒口示范区: the area model has no zones, so by name)
-- or a municipal department (by name). Counties, towns and villages count distinct over these rows: a town covered
-- through one of its villages is covered.
create table supervision_coverage (
    id          bigint generated always as identity primary key,
    round_id    bigint not null references supervision_round,
    county_id   bigint references county,
    town_id     bigint references town,
    village_id  bigint references village,
    zone        text   check (length(trim(zone)) between 2 and 50),
    department  text   check (length(trim(department)) between 2 and 100),
    check ((county_id is not null)::int + (zone is not null)::int + (department is not null)::int = 1),
    check (village_id is null or town_id is not null),
    check (town_id is null or county_id is not null)
);
create unique index supervision_coverage_county_once on supervision_coverage (round_id, county_id)
    where town_id is null and county_id is not null;
create unique index supervision_coverage_town_once on supervision_coverage (round_id, town_id)
    where village_id is null and town_id is not null;
create unique index supervision_coverage_village_once on supervision_coverage (round_id, village_id)
    where village_id is not null;
create unique index supervision_coverage_zone_once on supervision_coverage (round_id, zone) where zone is not null;
create unique index supervision_coverage_department_once on supervision_coverage (round_id, department)
    where department is not null;

-- A problem a round found (问题), where it was found (a county, and the town and village when that local), in which
-- department if any; whoever must rectify it by its deadline; the evidence of the rectification; closed after review
-- (销号), or sent back with the reason.
create table supervision_problem (
    id               bigint      generated always as identity primary key,
    round_id         bigint      not null references supervision_round,
    county_id        bigint      not null references county,
    town_id          bigint      references town,
    village_id       bigint      references village,
    department       text        check (length(trim(department)) between 2 and 100),
    category         text        not null check (category in ('EDUCATION', 'HEALTH', 'HOUSING', 'DRINKING_WATER',
                                                              'MONITORING', 'FUNDS_AND_PROJECTS', 'ASSETS', 'OTHER')),
    description      text        not null check (length(trim(description)) between 2 and 1000),
    responsible      text        not null check (length(trim(responsible)) between 2 and 100),
    found_on         date        not null,
    deadline         date        not null,
    status           text        not null default 'FOUND'
                                 check (status in ('FOUND', 'RECTIFIED', 'SENT_BACK', 'CLOSED')),
    evidence         text        check (length(trim(evidence)) between 2 and 2000),
    rectified_on     date,
    closed_on        date,
    returned_reason  text        check (length(trim(returned_reason)) between 2 and 500),
    version          integer     not null default 1 check (version >= 1),
    created_at       timestamptz not null default now(),
    check (deadline >= found_on),
    check (village_id is null or town_id is not null),
    check (rectified_on >= found_on),
    check (closed_on >= rectified_on),
    -- rectified and closed problems carry their evidence; only closed ones a day of closing; sent back ones the reason
    check (status not in ('RECTIFIED', 'CLOSED') or (evidence is not null and rectified_on is not null)),
    check ((status = 'CLOSED') = (closed_on is not null)),
    check (status <> 'SENT_BACK' or returned_reason is not null)
);
create index supervision_problem_round_idx on supervision_problem (round_id, id);
create index supervision_problem_county_idx on supervision_problem (county_id, id);
create index supervision_problem_open_idx on supervision_problem (deadline, id) where status <> 'CLOSED';

-- A problem to rectify is a task (整改任务) for those where it was found, due on its deadline: the village's
-- resident cadres, else the town's officers, else the county's. It is done when the evidence is submitted; a
-- rectification sent back opens a new one. Overdue, it shows and escalates like every other task.
alter table task drop constraint task_kind_check;
alter table task add constraint task_kind_check check (kind in ('VERIFY_AT_HOME', 'PUBLIC_REVIEW', 'COUNTY_CONFIRMATION',
    'VERIFY_WARNING', 'MATCH_WARNING', 'RECORD_MEASURE_RESULT', 'RECTIFY_PROBLEM'));
alter table task add column supervision_problem_id bigint references supervision_problem,
    add constraint task_problem_of_its_kind check ((kind = 'RECTIFY_PROBLEM') = (supervision_problem_id is not null));
create index task_problem_idx on task (supervision_problem_id) where supervision_problem_id is not null;

-- History: the round and what it covered under the round, each problem under itself (its rows follow the problem's
-- jurisdiction, below).
create trigger supervision_round_history after insert or update or delete on supervision_round
    for each row execute function record_history('SUPERVISION_ROUND', 'id');
create trigger supervision_coverage_history after insert or update or delete on supervision_coverage
    for each row execute function record_history('SUPERVISION_ROUND', 'round_id');
create trigger supervision_problem_history after insert or update or delete on supervision_problem
    for each row execute function record_history('SUPERVISION_PROBLEM', 'id');

alter table record_history drop constraint record_history_subject_type_check;
alter table record_history add constraint record_history_subject_type_check
    check (subject_type in ('HOUSEHOLD', 'PROJECT', 'CADRE', 'ASSISTANCE_UNIT', 'LEADER', 'SUPERVISION_ROUND',
                            'SUPERVISION_PROBLEM'));

-- A problem's history is read where the problem is: the sub-select reads supervision_problem under its own policy.
drop policy record_history_read on record_history;
create policy record_history_read on record_history for select to bangfu_app
    using (case subject_type
               when 'HOUSEHOLD' then bangfu_scope_all() or village_id in (select bangfu_scope_villages())
               when 'SUPERVISION_PROBLEM' then subject_key in (select p.id from supervision_problem p)
               else true end);

-- Who sees and writes what: rounds are the city's, read by every signed-in user and written by the city's leaders
-- (and admins); what a round covered is seen where it lies (an area within the reader's jurisdiction, a zone or a
-- department by the city's leaders), as the figures count it; problems are seen and written within the
-- jurisdiction of where they were found: the county (its city's leaders, its officers), the town (its officers),
-- the village (its resident cadres).
create function bangfu_may_keep_city(city bigint) returns boolean
    language sql stable
as $$
    select bangfu_scope_all()
        or city = any (string_to_array(coalesce(current_setting('bangfu.scope_cities', true), ''), ',')::bigint[])
$$;

alter table supervision_round enable row level security;
create policy supervision_round_read on supervision_round for select to bangfu_app using (true);
create policy supervision_round_insert on supervision_round for insert to bangfu_app
    with check (bangfu_may_keep_city(city_id));
create policy supervision_round_update on supervision_round for update to bangfu_app
    using (bangfu_may_keep_city(city_id)) with check (bangfu_may_keep_city(city_id));

alter table supervision_coverage enable row level security;
create policy supervision_coverage_read on supervision_coverage for select to bangfu_app
    using (bangfu_scope_all() or county_id in (select bangfu_scope_counties())
           or town_id in (select bangfu_scope_towns()) or village_id in (select bangfu_scope_villages())
           or (county_id is null
               and exists (select from supervision_round r where r.id = round_id and bangfu_may_keep_city(r.city_id))));
create policy supervision_coverage_insert on supervision_coverage for insert to bangfu_app
    with check (exists (select from supervision_round r where r.id = round_id and bangfu_may_keep_city(r.city_id)));

alter table supervision_problem enable row level security;
create policy supervision_problem_in_scope on supervision_problem to bangfu_app
    using (bangfu_scope_all() or county_id in (select bangfu_scope_counties())
           or town_id in (select bangfu_scope_towns()) or village_id in (select bangfu_scope_villages()))
    with check (bangfu_scope_all() or county_id in (select bangfu_scope_counties())
                or town_id in (select bangfu_scope_towns()) or village_id in (select bangfu_scope_villages()));

grant select, insert, update on supervision_round, supervision_problem to bangfu_app;
grant select, insert on supervision_coverage to bangfu_app;
grant usage, select on all sequences in schema public to bangfu_app;
