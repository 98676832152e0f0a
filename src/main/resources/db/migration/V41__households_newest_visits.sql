-- Each household's newest visits, kept apart (issue 23). The phone's village page shows every monitored household
-- with its newest three visits. Read from visit, each household's read walks the monthly partitions newest first
-- until it has them, and for a household visited less often than that, every month back to the first: at 10×, a
-- page of 50 households read about 4,000 buffers, the page's dearest statement. Reading each of those visits by its
-- key from its month was hardly cheaper (a visit looked up through the 53 partitions, 158 times): so here are the
-- newest current visits of each household themselves, at most four (the page's three and one more, which says that
-- there is a next page), copied in the transaction that writes the visits, in one table that the page reads by one
-- index (visit.VisitRepository). Measured with pgbench on the 10× data, the page's 50 households: 2.5–3.1 ms read
-- from visit, 0.70–0.74 ms from here. A copy cannot go stale: visits are append-only but for naming a replacement
-- (V6), and a replaced visit leaves this table.
--
-- Kept by statement triggers over the visits a statement inserted or replaced, so a phone's queue of 250 visits costs
-- one pass, not a function call per visit. Writers of one household take turns (an advisory lock per household,
-- taken in the households' order; a statement over more than 1,000 households, more than a phone's queue of 250 can
-- hold, locks the table instead: the demo load, which would not fit the lock table) and each reads what the last
-- committed, so the table always holds the newest four of what is committed. That needs READ COMMITTED, which every
-- write of the service runs at; the triggers refuse any other.
--
-- The columns are visit's, in its order: a column added to visit must be added here too (VisitNewestTests checks).
create table visit_newest (like visit including defaults);
alter table visit_newest add primary key (household_id, occurred_at, id);
-- every visit to a household with four leaves a dead copy behind: vacuumed after 2 % of the table, not PostgreSQL's 20 %
alter table visit_newest set (autovacuum_vacuum_scale_factor = 0.02);

-- read under the visits' own policy (R__row_level_security.sql); only the triggers below write it
alter table visit_newest enable row level security;
grant select on visit_newest to bangfu_app;

create function visit_newest_turn(households bigint[]) returns void
    language plpgsql
as $$
begin
    if current_setting('transaction_isolation') <> 'read committed' then
        -- after waiting for another writer, a later isolation level would still read as before it committed
        raise exception 'visits are written at read committed, not %', current_setting('transaction_isolation');
    end if;
    if cardinality(households) > 1000 then
        lock table visit_newest in share row exclusive mode;
    else
        perform pg_advisory_xact_lock(hashtext('bangfu.visit_newest'), hashint8(h))
        from unnest(households) h
        order by h;
    end if;
end
$$;

create function visit_newest_recount(households bigint[]) returns void
    language plpgsql
as $$
begin
    delete from visit_newest where household_id = any(households);
    insert into visit_newest
    select v.*
    from unnest(households) h(id)
    cross join lateral (select * from visit v
                        where v.household_id = h.id and v.replaced_by is null
                        order by v.occurred_at desc, v.id desc
                        limit 4) v;
end
$$;

-- security definer: the writer may see only some of a household's visits (a cadre's own), and the newest four are
-- of all of them
create function visit_newest_added() returns trigger
    language plpgsql security definer set search_path = public
as $$
declare
    households bigint[];
begin
    select array_agg(distinct household_id) into households
    from added where household_id is not null and replaced_by is null;
    if households is null then
        return null;
    end if;
    perform visit_newest_turn(households);
    -- each statement reads what was committed before it: the newest four so far, to which the new ones are added (a
    -- statement's own newest four at most: the demo load inserts every visit in one)
    insert into visit_newest
    select (a.v).*
    from (select v, row_number() over (partition by v.household_id order by v.occurred_at desc, v.id desc) as place
          from added v where v.household_id is not null and v.replaced_by is null) a
    where a.place <= 4
    on conflict do nothing;
    delete from visit_newest n
    using (select household_id, occurred_at, id,
                  row_number() over (partition by household_id order by occurred_at desc, id desc) as place
           from visit_newest where household_id = any(households)) r
    where r.place > 4 and n.household_id = r.household_id and n.occurred_at = r.occurred_at and n.id = r.id;
    return null;
end
$$;

-- a visit replaced by its correction is no longer current; the correction was inserted before (and counted then), and
-- may have moved to another day, so the household's four are read again from its visits
create function visit_newest_replaced() returns trigger
    language plpgsql security definer set search_path = public
as $$
declare
    households bigint[];
begin
    select array_agg(distinct n.household_id) into households
    from replaced n join before_change o on o.id = n.id and o.occurred_at = n.occurred_at
    where n.household_id is not null and o.replaced_by is null and n.replaced_by is not null;
    if households is null then
        return null;
    end if;
    perform visit_newest_turn(households);
    perform visit_newest_recount(households);
    return null;
end
$$;

revoke execute on function visit_newest_turn(bigint[]), visit_newest_recount(bigint[]) from public;

create trigger visit_newest_added after insert on visit
    referencing new table as added for each statement execute function visit_newest_added();
create trigger visit_newest_replaced after update on visit
    referencing old table as before_change new table as replaced for each statement execute function visit_newest_replaced();

-- the visits there are now
select visit_newest_recount(array(select id from household));
analyze visit_newest;
