-- Row-level security: households, their members, incomes and measures, and visits are visible to the
-- service only within the scope of the signed-in user, which the service writes into every transaction
-- (set_config(..., true), see security.ScopedTransactionManager). The service works as bangfu_app, a role
-- that owns nothing, so these policies hold even where the application's own SQL forgets a predicate.
-- Migrations and maintenance (the demo loader) run as the owner.

do $$
begin
    if not exists (select from pg_roles where rolname = 'bangfu_app') then
        create role bangfu_app nologin;
    end if;
end
$$;

-- the user that runs the migrations (and the service) must be able to become bangfu_app
do $$
begin
    if not pg_has_role(current_user, 'bangfu_app', 'member') then
        execute format('grant bangfu_app to %I', current_user);
    end if;
end
$$;

grant usage on schema public to bangfu_app;
grant select, insert, update, delete on all tables in schema public to bangfu_app;
grant usage, select on all sequences in schema public to bangfu_app;
revoke all on flyway_schema_history from bangfu_app;

-- The scope written into the current transaction. Unset settings mean nothing is in scope: a transaction
-- that forgot to say who is asking sees no household. Policies use these as uncorrelated sub-selects, which
-- PostgreSQL evaluates once per query (a hashed subplan), not once per row.
create function bangfu_scope_all() returns boolean
    language sql stable
as $$
    select coalesce(current_setting('bangfu.scope_all', true), '') = 'true'
$$;

-- the villages in scope: whole cities, counties and towns, and the villages of the cadre's postings today
create function bangfu_scope_villages() returns setof bigint
    language sql stable
as $$
    select v.id from village v join town t on t.id = v.town_id join county c on c.id = t.county_id
    where c.city_id = any (string_to_array(coalesce(current_setting('bangfu.scope_cities', true), ''), ',')::bigint[])
       or c.id = any (string_to_array(coalesce(current_setting('bangfu.scope_counties', true), ''), ',')::bigint[])
       or t.id = any (string_to_array(coalesce(current_setting('bangfu.scope_towns', true), ''), ',')::bigint[])
    union
    select p.village_id from posting p
    where p.cadre_id = nullif(current_setting('bangfu.scope_cadre', true), '')::bigint
      and p.started_on <= nullif(current_setting('bangfu.scope_today', true), '')::date
      and (p.ended_on is null or p.ended_on >= nullif(current_setting('bangfu.scope_today', true), '')::date)
$$;

-- the cadres whose visits are in scope wherever they were made: the user's own cadre, a managed unit's cadres
create function bangfu_scope_cadres() returns setof bigint
    language sql stable
as $$
    select nullif(current_setting('bangfu.scope_cadre', true), '')::bigint
    union
    select k.id from cadre k
    where k.dispatching_unit_id = any (string_to_array(coalesce(current_setting('bangfu.scope_units', true), ''), ',')::bigint[])
$$;

alter table household enable row level security;
create policy household_in_scope on household to bangfu_app
    using (bangfu_scope_all() or village_id in (select bangfu_scope_villages()))
    with check (bangfu_scope_all() or village_id in (select bangfu_scope_villages()));

-- the sub-selects read household, whose own policy applies to them
alter table household_member enable row level security;
create policy household_member_in_scope on household_member to bangfu_app
    using (household_id in (select h.id from household h))
    with check (household_id in (select h.id from household h));

alter table household_income enable row level security;
create policy household_income_in_scope on household_income to bangfu_app
    using (household_id in (select h.id from household h))
    with check (household_id in (select h.id from household h));

alter table assistance_measure enable row level security;
create policy assistance_measure_in_scope on assistance_measure to bangfu_app
    using (household_id in (select h.id from household h))
    with check (household_id in (select h.id from household h));

alter table visit enable row level security;
create policy visit_in_scope on visit to bangfu_app
    using (bangfu_scope_all() or village_id in (select bangfu_scope_villages())
           or cadre_id in (select bangfu_scope_cadres()))
    with check (bangfu_scope_all() or village_id in (select bangfu_scope_villages())
                or cadre_id in (select bangfu_scope_cadres()));
