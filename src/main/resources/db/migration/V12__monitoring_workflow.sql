-- The monitoring workflow (监测帮扶流程): a household's risk moves from found to eliminated through recorded
-- steps. A case holds where it stands now; its steps, never changed or removed, hold how it got there. Tasks say
-- who must act next; departments' warnings feed the loop. household.status, identified_on and
-- risk_eliminated_on follow the cases (the service writes both in one transaction), so every list and filter of
-- households keeps working; the monitoring figures count cases.

-- the areas a user's grants cover whole: towns (of granted cities, counties, towns) and counties
create function bangfu_scope_towns() returns setof bigint
    language sql stable
as $$
    select t.id from town t join county c on c.id = t.county_id
    where c.city_id = any (string_to_array(coalesce(current_setting('bangfu.scope_cities', true), ''), ',')::bigint[])
       or c.id = any (string_to_array(coalesce(current_setting('bangfu.scope_counties', true), ''), ',')::bigint[])
       or t.id = any (string_to_array(coalesce(current_setting('bangfu.scope_towns', true), ''), ',')::bigint[])
$$;

create function bangfu_scope_counties() returns setof bigint
    language sql stable
as $$
    select c.id from county c
    where c.city_id = any (string_to_array(coalesce(current_setting('bangfu.scope_cities', true), ''), ',')::bigint[])
       or c.id = any (string_to_array(coalesce(current_setting('bangfu.scope_counties', true), ''), ',')::bigint[])
$$;

create table monitoring_case (
    id            bigint      generated always as identity primary key,
    household_id  bigint      not null,
    -- the household's village, kept here for jurisdiction and sync; follows a household that moves
    village_id    bigint      not null,
    state         text        not null check (state in ('IDENTIFIED', 'VERIFIED_AT_HOME', 'PUBLICLY_REVIEWED',
                                  'MONITORING', 'ELIMINATION_PROPOSED', 'ELIMINATION_VERIFIED', 'ELIMINATION_REVIEWED',
                                  'RISK_ELIMINATED', 'DISMISSED')),
    source        text        not null check (source in ('SELF_REPORT', 'VISIT', 'DEPARTMENT_WARNING', 'CARRIED_OVER')),
    risk_types    text[]      not null default '{}' check (risk_types <@ array['ILLNESS', 'DISABILITY',
                                  'SCHOOLING_COSTS', 'DISASTER', 'ACCIDENT', 'UNSTABLE_EMPLOYMENT', 'LACK_OF_LABOUR',
                                  'HOUSING_SAFETY', 'DRINKING_WATER', 'OTHER']),
    identified_on date        not null,
    included_on   date,
    eliminated_on date,
    -- when a later case of the household was confirmed: from then on that one says where the household stands
    superseded_on date,
    version       integer     not null default 1,
    state_since   timestamptz not null default now(),
    sync_xid      xid8        not null default pg_current_xact_id(),
    sync_seq      bigint      not null default nextval('sync_position_seq'),
    -- no cascade: a household with a case history cannot be deleted
    foreign key (household_id, village_id) references household (id, village_id) on update cascade,
    check ((included_on is not null) = (state in ('MONITORING', 'ELIMINATION_PROPOSED', 'ELIMINATION_VERIFIED',
                                                  'ELIMINATION_REVIEWED', 'RISK_ELIMINATED'))),
    check ((eliminated_on is not null) = (state = 'RISK_ELIMINATED')),
    check (included_on >= identified_on),
    check (eliminated_on >= included_on),
    check (superseded_on >= included_on)
);
-- one case open per household at a time
create unique index monitoring_case_open_idx on monitoring_case (household_id)
    where state not in ('RISK_ELIMINATED', 'DISMISSED');
create index monitoring_case_household_idx on monitoring_case (household_id, included_on);
create index monitoring_case_village_idx on monitoring_case (village_id, state);
create index monitoring_case_sync_idx on monitoring_case (village_id, sync_xid, sync_seq);
create trigger monitoring_case_sync_position before insert or update on monitoring_case
    for each row execute function sync_position();

create table case_step (
    -- made by the phone (or desk) before the step is first sent, so a resend is recognised
    id            uuid        primary key,
    case_id       bigint      not null references monitoring_case,
    action        text        not null check (action in ('OPEN', 'VERIFY', 'DISMISS', 'REVIEW', 'CONFIRM',
                                  'PROPOSE_ELIMINATION', 'REJECT', 'CARRY_OVER')),
    from_state    text,
    to_state      text        not null,
    occurred_on   date        not null,
    recorded_at   timestamptz not null default now(),
    actor_user_id bigint      references app_user,
    actor_name    text        not null,
    actor_role    text        not null,
    reason        text        check (length(reason) <= 1000),
    visit_ids     uuid[]      not null default '{}',
    photo_sha256s text[]      not null default '{}',
    documents     text[]      not null default '{}',
    notice_from   date,
    notice_to     date,
    content_hash  bytea       check (length(content_hash) = 32),
    check (notice_to >= notice_from)
);
create index case_step_case_idx on case_step (case_id, recorded_at, id);

create function case_step_append_only() returns trigger
    language plpgsql
as $$
begin
    raise exception 'case steps are never changed or removed: % is recorded for good', old.id;
end
$$;
create trigger case_step_append_only before update or delete on case_step
    for each row execute function case_step_append_only();

create table risk_warning (
    id              bigint      generated always as identity primary key,
    source          text        not null check (length(trim(source)) between 1 and 100),
    id_number       text        not null check (id_number ~ '^[0-9]{17}[0-9X]$'),
    person_name     text        not null check (length(trim(person_name)) between 1 and 50),
    kind            text        not null check (kind in ('MEDICAL_EXPENSE', 'DISABILITY', 'EDUCATION', 'DISASTER',
                                    'EMPLOYMENT', 'OTHER')),
    amount_fen      bigint      check (amount_fen >= 0),
    detail          text        check (length(detail) <= 1000),
    occurred_on     date        not null,
    received_at     timestamptz not null default now(),
    imported_by     bigint      references app_user,
    times_received  integer     not null default 1 check (times_received >= 1),
    status          text        not null check (status in ('MATCHED', 'UNMATCHED', 'DISMISSED')),
    household_id    bigint      references household,
    village_id      bigint      references village,
    town_id         bigint      references town,
    county_id       bigint      references county,
    case_id         bigint      references monitoring_case,
    dismiss_reason  text,
    check ((status = 'MATCHED') = (household_id is not null)),
    check ((status = 'DISMISSED') = (dismiss_reason is not null)),
    -- the same warning sent again is the same warning
    unique (source, id_number, kind, occurred_on)
);
create index risk_warning_household_idx on risk_warning (household_id);
create index risk_warning_case_idx on risk_warning (case_id);
create index risk_warning_status_idx on risk_warning (status, received_at desc, id desc);

create table task (
    id             bigint      generated always as identity primary key,
    kind           text        not null check (kind in ('VERIFY_AT_HOME', 'PUBLIC_REVIEW', 'COUNTY_CONFIRMATION',
                                   'VERIFY_WARNING', 'MATCH_WARNING')),
    assignee_role  text        not null check (assignee_role in ('CADRE', 'TOWN_OFFICER', 'COUNTY_OFFICER', 'ADMIN')),
    status         text        not null default 'OPEN' check (status in ('OPEN', 'DONE', 'CANCELLED')),
    case_id        bigint      references monitoring_case,
    warning_id     bigint      references risk_warning,
    household_id   bigint      references household,
    village_id     bigint      references village,
    town_id        bigint      references town,
    county_id      bigint      references county,
    due_on         date        not null,
    redo_reason    text,
    created_at     timestamptz not null default now(),
    closed_at      timestamptz,
    closed_by      bigint      references app_user,
    -- completeTask's id, made by the phone, and what it reported
    completion_id  uuid        unique,
    completion     text,
    completion_visit_ids uuid[] not null default '{}',
    completion_hash bytea,
    sync_xid       xid8        not null default pg_current_xact_id(),
    sync_seq       bigint      not null default nextval('sync_position_seq'),
    check ((status = 'OPEN') = (closed_at is null)),
    check (assignee_role <> 'CADRE' or village_id is not null),
    check (assignee_role <> 'TOWN_OFFICER' or town_id is not null),
    check (assignee_role <> 'COUNTY_OFFICER' or county_id is not null)
);
create index task_open_idx on task (assignee_role, due_on, id) where status = 'OPEN';
create index task_village_idx on task (village_id, due_on, id);
create index task_town_idx on task (town_id, due_on, id);
create index task_county_idx on task (county_id, due_on, id);
create index task_case_idx on task (case_id) where status = 'OPEN';
create index task_sync_idx on task (village_id, sync_xid, sync_seq) where assignee_role = 'CADRE';
create trigger task_sync_position before insert or update on task
    for each row execute function sync_position();

-- Who sees what: cases as their households; steps as their cases; tasks and warnings where they belong,
-- which for an unmatched warning may be a town or a county only.
alter table monitoring_case enable row level security;
create policy monitoring_case_in_scope on monitoring_case to bangfu_app
    using (bangfu_scope_all() or village_id in (select bangfu_scope_villages()))
    with check (bangfu_scope_all() or village_id in (select bangfu_scope_villages()));

alter table case_step enable row level security;
create policy case_step_in_scope on case_step to bangfu_app
    using (case_id in (select c.id from monitoring_case c))
    with check (case_id in (select c.id from monitoring_case c));

alter table task enable row level security;
create policy task_in_scope on task to bangfu_app
    using (bangfu_scope_all() or village_id in (select bangfu_scope_villages())
           or (village_id is null and (town_id in (select bangfu_scope_towns())
                                       or county_id in (select bangfu_scope_counties()))))
    with check (bangfu_scope_all() or village_id in (select bangfu_scope_villages())
                or (village_id is null and (town_id in (select bangfu_scope_towns())
                                            or county_id in (select bangfu_scope_counties()))));

alter table risk_warning enable row level security;
create policy risk_warning_in_scope on risk_warning to bangfu_app
    using (bangfu_scope_all() or village_id in (select bangfu_scope_villages())
           or (village_id is null and (town_id in (select bangfu_scope_towns())
                                       or county_id in (select bangfu_scope_counties()))))
    with check (bangfu_scope_all() or village_id in (select bangfu_scope_villages())
                or (village_id is null and (town_id in (select bangfu_scope_towns())
                                            or county_id in (select bangfu_scope_counties()))));

grant select, insert, update on monitoring_case, task, risk_warning to bangfu_app;
grant select, insert on case_step to bangfu_app;
grant usage, select on all sequences in schema public to bangfu_app;

-- Records kept before this workflow become one case each, carried over as they stand.
insert into monitoring_case (household_id, village_id, state, source, risk_types, identified_on, included_on,
                             eliminated_on)
select h.id, h.village_id, case when h.status = 'RISK_ELIMINATED' then 'RISK_ELIMINATED' else 'MONITORING' end,
       'CARRIED_OVER', h.risk_types, h.identified_on, h.identified_on, h.risk_eliminated_on
from household h;

insert into case_step (id, case_id, action, to_state, occurred_on, actor_name, actor_role)
select gen_random_uuid(), c.id, 'CARRY_OVER', c.state, coalesce(c.eliminated_on, c.included_on), 'migration V12',
       'SYSTEM'
from monitoring_case c;
