-- Visits lose their default partition: the time between and around the monthly partitions is covered by range
-- partitions of its own (visit_other_<from>_<to>, from and to a month or min/max), so that every instant still has a
-- partition and no visit is ever refused for its date, as before.
--
-- Why: with a default partition PostgreSQL cannot read the partitions in the order of their ranges (the default may
-- hold any date), so "a household's newest visits" (a lateral `order by occurred_at desc limit n` per household on
-- the phone's page) probed the index of every partition and merged them: 52 probes a household on the demo data,
-- one more every month for ever. Without it the partitions are read newest first and the read stops at its limit.
-- Measured on the 1x bench database, the busy village's page (50 households): the newest-visits statement read
-- 1,137 buffers instead of 4,536, and PostgreSQL spent 4.8 ms a page instead of 6.9.
--
-- The price: a month's partition is made by detaching the partition that covers it and attaching its pieces, and a
-- detach locks visit for a moment (once a month for the months ahead; the upkeep gives up after lock_timeout and
-- tries again the next day, three months ahead of need).

-- the name of the partition of the time from one month to another: visit_2024_05 for a month, else
-- visit_other_<from>_<to> (min or max where the time has no bound)
create function visit_partition_name(from_month date, to_month date) returns text
    language sql stable
as $$
    select case when to_month = (from_month + interval '1 month')::date then 'visit_' || to_char(from_month, 'YYYY_MM')
                else format('visit_other_%s_%s', coalesce(to_char(from_month, 'YYYY_MM'), 'min'),
                            coalesce(to_char(to_month, 'YYYY_MM'), 'max')) end
$$;

-- makes the partition of the time from one month to another (null: without bound) from a table of visit's shape
-- holding the rows of that time copied from a detached partition (null: none)
create function visit_partition_of(from_month date, to_month date, rows_of regclass) returns void
    language plpgsql set search_path = public
as $$
declare
    part   text := visit_partition_name(from_month, to_month);
    starts timestamptz := make_timestamptz(extract(year from from_month)::int, extract(month from from_month)::int,
                                           1, 0, 0, 0, 'UTC');
    ends   timestamptz := make_timestamptz(extract(year from to_month)::int, extract(month from to_month)::int,
                                           1, 0, 0, 0, 'UTC');
begin
    execute format('create table %I (like visit including defaults including constraints)', part);
    if rows_of is not null then
        -- copied as they were, with no trigger: the rows keep their sync positions
        execute format('insert into %I select * from %s where occurred_at >= %L and occurred_at < %L', part, rows_of,
                       coalesce(starts, '-infinity'), coalesce(ends, 'infinity'));
    end if;
    execute format('alter table visit attach partition %I for values from (%s) to (%s)', part,
                   coalesce(quote_literal(starts), 'minvalue'), coalesce(quote_literal(ends), 'maxvalue'));
end
$$;
revoke all on function visit_partition_of(date, date, regclass) from public;

-- the months that have a partition of their own, in order
create function visit_months_kept() returns setof date
    language sql stable set search_path = public
as $$
    select to_date(substr(c.relname, 7), 'YYYY_MM')
    from pg_inherits i join pg_class c on c.oid = i.inhrelid
    where i.inhparent = 'visit'::regclass and c.relname ~ '^visit_[0-9]{4}_[0-9]{2}$'
    order by 1
$$;
revoke all on function visit_months_kept() from public;

-- the partitions that cover the time outside the months (their names say their range)
create function visit_other_partitions() returns setof regclass
    language sql stable set search_path = public
as $$
    select c.oid::regclass
    from pg_inherits i join pg_class c on c.oid = i.inhrelid
    where i.inhparent = 'visit'::regclass and c.relname like 'visit\_other\_%'
$$;
revoke all on function visit_other_partitions() from public;

-- the default partition goes: its rows (visits of months without a partition) go into the partitions of the time
-- between and around the months
lock table visit in access exclusive mode;
alter table visit detach partition visit_other_months;
select visit_partition_of(gap.from_month, gap.to_month, 'visit_other_months')
from (select (lag(m) over (order by m) + interval '1 month')::date as from_month, m as to_month
      from visit_months_kept() as m
      union all
      select (max(m) + interval '1 month')::date, null from visit_months_kept() as m) as gap
where gap.from_month is null or gap.to_month is null or gap.from_month < gap.to_month;
drop table visit_other_months;

-- Creates the partitions of the months from first_month to last_month that have none: the partition of the time
-- around such a month is detached and its pieces attached (before the month, the month, after it), each with its
-- rows. Returns how many months it created. Runs as the owner (V25).
create or replace function visit_partitions_cover(first_month date, last_month date) returns integer
    language plpgsql security definer set search_path = public set lock_timeout = '2s'
as $$
declare
    m       date := date_trunc('month', first_month);
    before  date;
    after   date;
    around  text;
    created integer := 0;
begin
    -- two instances of the service maintaining at once: the second waits, then finds the partitions there
    perform pg_advisory_xact_lock(hashtext('visit_partitions_cover'));
    while m <= last_month loop
        if to_regclass('visit_' || to_char(m, 'YYYY_MM')) is null then
            select (max(k) + interval '1 month')::date into before from visit_months_kept() as k where k < m;
            select min(k) into after from visit_months_kept() as k where k > m;
            around := visit_partition_name(before, after);
            execute format('alter table visit detach partition %I', around);
            if before is distinct from m then
                perform visit_partition_of(before, m, around::regclass);
            end if;
            perform visit_partition_of(m, (m + interval '1 month')::date, around::regclass);
            if (m + interval '1 month')::date is distinct from after then
                perform visit_partition_of((m + interval '1 month')::date, after, around::regclass);
            end if;
            execute format('drop table %I', around);
            created := created + 1;
        end if;
        m := m + interval '1 month';
    end loop;
    return created;
end
$$;

-- the months of the visits waiting in the partitions outside the months, for the upkeep to give them partitions
create or replace function visit_months_waiting() returns setof date
    language plpgsql stable security definer set search_path = public
as $$
declare
    part regclass;
begin
    for part in select visit_other_partitions() loop
        return query execute format(
            'select distinct date_trunc(''month'', occurred_at at time zone ''UTC'')::date from %s', part);
    end loop;
end
$$;
