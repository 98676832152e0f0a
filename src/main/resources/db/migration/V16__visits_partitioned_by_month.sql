-- Visits are partitioned by the month they took place in (UTC months). A province logs tens of millions of visits
-- a year and leaders ask about months and years: a month's figures read that month's partition, old months can be
-- moved to cheaper storage or detached whole, and each partition's indexes stay small enough to be cached.
--
-- PostgreSQL's unique constraints on a partitioned table must include the partition key, so the primary key of
-- visit becomes (id, occurred_at), which alone would let one uuid be stored twice in two months. visit_key keeps
-- what must be unique across partitions: every visit's id once, with the month it is stored in and its place in
-- its chain of versions. A visit row must match its key (foreign key on all four columns), so
--   - a uuid is stored once: the key's primary key, and the key fixes the one partition the row can be in;
--   - a resend meets the first sending at the key (insert ... on conflict (id) do nothing, see
--     visit.VisitWriteRepository), whatever month either claims;
--   - a chain has one version of each number, so one version replaces another at most once (the unique
--     replaced_by did this before; it cannot be unique across partitions).
--
-- Months get their partitions ahead of time (visit_partitions_cover, run daily by visit.VisitPartitions); a visit
-- dated in a month without one (a phone's clock years off, flagged FUTURE_TIME or LONG_AGO) waits in
-- visit_other_months until its month gets a partition, and is moved there then: no visit is ever refused for its
-- date.

create table visit_key (
    id          uuid        primary key,
    occurred_at timestamptz not null,
    -- the first version's id; the first version's own
    chain_id    uuid        not null references visit_key (id),
    version     integer     not null check (version >= 1),
    unique (chain_id, version),
    unique (id, occurred_at, chain_id, version)
);

insert into visit_key (id, occurred_at, chain_id, version)
select id, occurred_at, coalesce(first_version_id, id), version from visit;

alter table visit rename to visit_unpartitioned;

create table visit (
    like visit_unpartitioned including defaults including constraints,
    -- the chain this version belongs to, written by the service so that the row can be matched to its key
    chain_id uuid not null,
    check (chain_id = coalesce(first_version_id, id))
) partition by range (occurred_at);

create table visit_other_months partition of visit default;

-- Creates the partitions of the months from first_month to last_month that have none, moving any of their visits
-- that waited in visit_other_months. Returns how many it created. Runs as the owner, never as bangfu_app.
create function visit_partitions_cover(first_month date, last_month date) returns integer
    language plpgsql set search_path = public
as $$
declare
    m       date := date_trunc('month', first_month);
    starts  timestamptz;
    ends    timestamptz;
    part    text;
    created integer := 0;
begin
    -- two instances of the service maintaining at once: the second waits, then finds the partitions there
    perform pg_advisory_xact_lock(hashtext('visit_partitions_cover'));
    while m <= last_month loop
        starts := make_timestamptz(extract(year from m)::int, extract(month from m)::int, 1, 0, 0, 0, 'UTC');
        ends := starts + interval '1 month';
        part := 'visit_' || to_char(m, 'YYYY_MM');
        if to_regclass(part) is null then
            if exists (select 1 from visit_other_months where occurred_at >= starts and occurred_at < ends) then
                -- PostgreSQL refuses a new partition while the default one holds rows of its range: the rows move
                -- into a table of the same shape, which then becomes the partition. Detached, the default
                -- partition has no append-only trigger, and the rows keep their sync position (no trigger fires).
                alter table visit detach partition visit_other_months;
                execute format('create table %I (like visit including defaults including constraints)', part);
                execute format('insert into %I select * from visit_other_months where occurred_at >= %L and occurred_at < %L',
                               part, starts, ends);
                delete from visit_other_months where occurred_at >= starts and occurred_at < ends;
                execute format('alter table visit attach partition %I for values from (%L) to (%L)', part, starts, ends);
                alter table visit attach partition visit_other_months default;
            else
                execute format('create table %I partition of visit for values from (%L) to (%L)', part, starts, ends);
            end if;
            created := created + 1;
        end if;
        m := m + interval '1 month';
    end loop;
    return created;
end
$$;
revoke all on function visit_partitions_cover(date, date) from public;

-- the months that have visits, and the months around now (as visit.VisitPartitions keeps them); months between
-- without visits get no partition, which every query not bounded by date would read for nothing
select sum(visit_partitions_cover(m, m))
from (select distinct date_trunc('month', occurred_at at time zone 'UTC')::date as m from visit_unpartitioned
      union
      select (date_trunc('month', now() at time zone 'UTC') + n * interval '1 month')::date
      from generate_series(-1, 3) as n) as months;

insert into visit
select *, coalesce(first_version_id, id) from visit_unpartitioned;

drop table visit_unpartitioned;

alter table visit
    add primary key (id, occurred_at),
    add foreign key (id, occurred_at, chain_id, version) references visit_key (id, occurred_at, chain_id, version),
    add foreign key (first_version_id) references visit_key (id),
    add foreign key (replaced_by) references visit_key (id),
    add foreign key (cadre_id) references cadre,
    add foreign key (village_id) references village,
    add foreign key (household_id) references household,
    add foreign key (household_id, village_id) references household (id, village_id);

create index visit_household_idx on visit (household_id, occurred_at desc, id desc);
create index visit_cadre_idx on visit (cadre_id, occurred_at desc, id desc);
create index visit_village_idx on visit (village_id, occurred_at desc, id desc);
create index visit_occurred_idx on visit (occurred_at desc, id desc);
create index visit_received_idx on visit (received_at) where received_at is not null;
create index visit_chain_idx on visit (chain_id);
create index visit_current_idx on visit (occurred_at desc, id desc) where replaced_by is null;
create index visit_sync_idx on visit (cadre_id, village_id, sync_xid, sync_seq);
create index visit_photo_idx on visit using gin (photo_sha256s);

-- the rows were copied as they were: the triggers come after them, so no sync position moved
create trigger visit_append_only before update or delete on visit
    for each row execute function visit_append_only();
create trigger visit_sync_position before insert or update on visit
    for each row execute function sync_position();

-- the policy is the parent's: bangfu_app is granted the parent only, never a partition, so it reads and writes
-- visits through the parent and its policy
alter table visit enable row level security;
create policy visit_in_scope on visit to bangfu_app
    using (bangfu_scope_all() or village_id in (select bangfu_scope_villages())
           or cadre_id in (select bangfu_scope_cadres()))
    with check (bangfu_scope_all() or village_id in (select bangfu_scope_villages())
                or cadre_id in (select bangfu_scope_cadres()));

grant select, insert, update on visit to bangfu_app;
grant select, insert on visit_key to bangfu_app;
