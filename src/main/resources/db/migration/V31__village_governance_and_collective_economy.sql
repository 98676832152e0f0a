-- Villages' own records (issue 22): the collective economy's income of each year (村集体经济收入), the legal
-- advisers posted to villages and communities (一村(社区)一法律顾问), the village plans compiled (村庄规划编制), and the
-- relocation communities (易地搬迁安置社区) among the communities. The report's "villages with collective income over
-- 100,000 yuan", "villages (communities) with a legal adviser" and "village plans completed" are counted from them.
-- Each row belongs to a village and is read where the village is in scope, as a household's rows are; the changes
-- are kept in the village's history.

-- A relocation community is a community (社区), not an administrative village: the pair (id, kind) is what the
-- designation refers to, so the village cannot become a village again while it is one.
alter table village add constraint village_id_kind_unique unique (id, kind);

create table relocation_community (
    village_id        bigint  primary key,
    kind              text    not null default 'COMMUNITY' check (kind = 'COMMUNITY'),
    -- the year the first households moved in
    opened_year       integer not null check (opened_year between 2000 and 2100),
    households_moved  integer not null check (households_moved between 0 and 100000),
    people_moved      integer not null check (people_moved between 0 and 500000),
    version           integer not null default 1 check (version >= 1),
    check (people_moved >= households_moved),
    foreign key (village_id, kind) references village (id, kind)
);

-- A village's collective income of a year, in fen like all money; up to 100 million yuan, beyond which a village
-- figure is a typing error rather than an income.
create table village_collective_income (
    id           bigint  generated always as identity primary key,
    village_id   bigint  not null references village,
    year         integer not null check (year between 2000 and 2100),
    income_fen   bigint  not null check (income_fen between 0 and 10000000000),
    -- where the figure comes from (台账, 审计报告 ...)
    source_note  text    check (length(source_note) <= 1000),
    version      integer not null default 1 check (version >= 1),
    unique (village_id, year)
);
create index village_collective_income_year_idx on village_collective_income (year, village_id);

-- A lawyer posted to a village or community as its legal adviser (法律顾问), over a period: one at a time.
create table legal_adviser_posting (
    id            bigint  generated always as identity primary key,
    village_id    bigint  not null references village,
    adviser_name  text    not null check (length(trim(adviser_name)) between 2 and 50),
    law_firm      text    not null check (length(trim(law_firm)) between 2 and 100),
    started_on    date    not null,
    ended_on      date,
    version       integer not null default 1 check (version >= 1),
    check (ended_on is null or ended_on >= started_on),
    constraint legal_adviser_one_at_a_time
        exclude using gist (village_id with =, daterange(started_on, ended_on, '[]') with &&)
);
create index legal_adviser_posting_village_idx on legal_adviser_posting (village_id, started_on);

-- A village plan (村庄规划): compiled in a year, approved on a day by a document (批复文号). A village has one plan
-- compiled a year at most; a later plan revises an earlier one.
create table village_plan (
    id               bigint  generated always as identity primary key,
    village_id       bigint  not null references village,
    compiled_year    integer not null check (compiled_year between 2000 and 2100),
    approved_on      date,
    document_number  text    check (length(trim(document_number)) between 1 and 100),
    version          integer not null default 1 check (version >= 1),
    check (approved_on is null or extract(year from approved_on) >= compiled_year),
    check ((approved_on is null) = (document_number is null)),
    unique (village_id, compiled_year)
);
create index village_plan_year_idx on village_plan (compiled_year, village_id);

-- History: the village is the subject; its history is read where the village is in scope, as a household's is.
-- (the subjects and the read policy as V30 left them, with villages added)
alter table record_history drop constraint record_history_subject_type_check;
alter table record_history add constraint record_history_subject_type_check
    check (subject_type in ('HOUSEHOLD', 'PROJECT', 'CADRE', 'ASSISTANCE_UNIT', 'LEADER', 'SUPERVISION_ROUND',
                            'SUPERVISION_PROBLEM', 'VILLAGE'));
drop policy record_history_read on record_history;
create policy record_history_read on record_history for select to bangfu_app
    using (case subject_type
               when 'HOUSEHOLD' then bangfu_scope_all() or village_id in (select bangfu_scope_villages())
               when 'VILLAGE' then bangfu_scope_all() or village_id in (select bangfu_scope_villages())
               when 'SUPERVISION_PROBLEM' then subject_key in (select p.id from supervision_problem p)
               else true end);

create trigger village_collective_income_history after insert or update or delete on village_collective_income
    for each row execute function record_history('VILLAGE', 'village_id');
create trigger legal_adviser_posting_history after insert or update or delete on legal_adviser_posting
    for each row execute function record_history('VILLAGE', 'village_id');
create trigger village_plan_history after insert or update or delete on village_plan
    for each row execute function record_history('VILLAGE', 'village_id');
create trigger relocation_community_history after insert or update or delete on relocation_community
    for each row execute function record_history('VILLAGE', 'village_id');

-- Row-level security: a village's records are read and written where the village is in scope.
alter table relocation_community enable row level security;
create policy relocation_community_in_scope on relocation_community to bangfu_app
    using (bangfu_scope_all() or village_id in (select bangfu_scope_villages()))
    with check (bangfu_scope_all() or village_id in (select bangfu_scope_villages()));

alter table village_collective_income enable row level security;
create policy village_collective_income_in_scope on village_collective_income to bangfu_app
    using (bangfu_scope_all() or village_id in (select bangfu_scope_villages()))
    with check (bangfu_scope_all() or village_id in (select bangfu_scope_villages()));

alter table legal_adviser_posting enable row level security;
create policy legal_adviser_posting_in_scope on legal_adviser_posting to bangfu_app
    using (bangfu_scope_all() or village_id in (select bangfu_scope_villages()))
    with check (bangfu_scope_all() or village_id in (select bangfu_scope_villages()));

alter table village_plan enable row level security;
create policy village_plan_in_scope on village_plan to bangfu_app
    using (bangfu_scope_all() or village_id in (select bangfu_scope_villages()))
    with check (bangfu_scope_all() or village_id in (select bangfu_scope_villages()));

grant select on relocation_community to bangfu_app;
grant select, insert, update on village_collective_income, legal_adviser_posting, village_plan to bangfu_app;
grant usage, select on all sequences in schema public to bangfu_app;
