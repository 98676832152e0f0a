-- Who sees which row, in one place: the scope functions and every row-level security policy of the database.
--
-- A repeatable migration: Flyway runs it after the versioned ones, and again whenever this file changes, so the
-- database's policies and scope functions are always what this file says. Change a policy here, never in a
-- versioned migration; a new table's policies go here too (its versioned migration creates the table and enables
-- row-level security, which refuses every row until this file gives it a policy). PolicyFileTests checks that
-- every policy in the database is written here, and that a table without one is meant to be without.
--
-- How it holds: every transaction of the service is begun by security.jurisdiction.ScopedTransactionManager, which sets, local
-- to the transaction, the role bangfu_app (which owns no table, so these policies hold it) and the settings
-- bangfu.scope_all, bangfu.scope_cities, bangfu.scope_counties, bangfu.scope_towns, bangfu.scope_cadre,
-- bangfu.scope_units and bangfu.scope_today, made from the signed-in user's role grants (security.jurisdiction.Jurisdiction).
-- An unset setting means nothing is in scope. The service's own SQL filters by the same scope too
-- (security.jurisdiction.Scope's predicates), so that a query reads only what it shows; these policies hold when that SQL is
-- wrong. Outside such a transaction the service's login has no rights on these tables at all (database.ServiceLogin).
--
-- The file is written for the latest schema: Flyway runs it after any migrate, so migrating to an earlier target
-- version must leave it out (as VisitPartitionMigrationTests does).
--
-- The comments of each table are those of the migration that wrote its policy, named in brackets. One file on
-- purpose, though longer than our others: it is read to answer "who sees this table".


-- --------------------------------------------------------------------------------------------------------------------
-- The scope: what the settings of the transaction let its user see

-- (as V3 left it)
create or replace function bangfu_scope_all() returns boolean
    language sql stable
as $$
    select coalesce(current_setting('bangfu.scope_all', true), '') = 'true'
$$;

-- (as V17 left it)
create or replace function bangfu_scope_villages() returns setof bigint
    language plpgsql stable
as $$
begin
    return query
    select v.id from village v
    where v.town_id = any (string_to_array(coalesce(current_setting('bangfu.scope_towns', true), ''), ',')::bigint[])
    union
    select v.id from town t join village v on v.town_id = t.id
    where t.county_id = any (string_to_array(coalesce(current_setting('bangfu.scope_counties', true), ''), ',')::bigint[])
    union
    select v.id from county c join town t on t.county_id = c.id join village v on v.town_id = t.id
    where c.city_id = any (string_to_array(coalesce(current_setting('bangfu.scope_cities', true), ''), ',')::bigint[])
    union
    select p.village_id from posting p
    where p.cadre_id = nullif(current_setting('bangfu.scope_cadre', true), '')::bigint
      and p.started_on <= nullif(current_setting('bangfu.scope_today', true), '')::date
      and (p.ended_on is null or p.ended_on >= nullif(current_setting('bangfu.scope_today', true), '')::date);
end
$$;

-- (as V17 left it)
create or replace function bangfu_scope_towns() returns setof bigint
    language plpgsql stable
as $$
begin
    return query
    select t.id from town t
    where t.id = any (string_to_array(coalesce(current_setting('bangfu.scope_towns', true), ''), ',')::bigint[])
    union
    select t.id from town t
    where t.county_id = any (string_to_array(coalesce(current_setting('bangfu.scope_counties', true), ''), ',')::bigint[])
    union
    select t.id from county c join town t on t.county_id = c.id
    where c.city_id = any (string_to_array(coalesce(current_setting('bangfu.scope_cities', true), ''), ',')::bigint[]);
end
$$;

-- (as V17 left it)
create or replace function bangfu_scope_counties() returns setof bigint
    language plpgsql stable
as $$
begin
    return query
    select c.id from county c
    where c.id = any (string_to_array(coalesce(current_setting('bangfu.scope_counties', true), ''), ',')::bigint[])
    union
    select c.id from county c
    where c.city_id = any (string_to_array(coalesce(current_setting('bangfu.scope_cities', true), ''), ',')::bigint[]);
end
$$;

-- (as V17 left it)
create or replace function bangfu_scope_cadres() returns setof bigint
    language plpgsql stable
as $$
begin
    return query
    select nullif(current_setting('bangfu.scope_cadre', true), '')::bigint
    union
    select k.id from cadre k
    where k.dispatching_unit_id = any (string_to_array(coalesce(current_setting('bangfu.scope_units', true), ''), ',')::bigint[]);
end
$$;

-- Who writes what: projects are read by every signed-in user, and written only within the writer's counties (or,
-- for progress reports, by the implementing unit's managers). The households a project benefits are read like
-- households.
-- (as V21 left it)
create or replace function bangfu_may_keep_project(county bigint, unit bigint) returns boolean
    language sql stable
as $$
    select bangfu_scope_all() or county in (select bangfu_scope_counties())
        or unit = any (string_to_array(coalesce(current_setting('bangfu.scope_units', true), ''), ',')::bigint[])
$$;

-- Who sees and writes what: rounds are the city's, read by every signed-in user and written by the city's leaders
-- (and admins); what a round covered is seen where it lies (an area within the reader's jurisdiction, a zone or a
-- department by the city's leaders), as the figures count it; problems are seen and written within the
-- jurisdiction of where they were found: the county (its city's leaders, its officers), the town (its officers),
-- the village (its resident cadres).
-- (as V30 left it)
create or replace function bangfu_may_keep_city(city bigint) returns boolean
    language sql stable
as $$
    select bangfu_scope_all()
        or city = any (string_to_array(coalesce(current_setting('bangfu.scope_cities', true), ''), ',')::bigint[])
$$;

-- --------------------------------------------------------------------------------------------------------------------
-- The policies, table by table. Each is dropped and made again, so that this file alone says what it is.

-- ==================== household =====================================================================================
drop policy if exists household_in_scope on household;
create policy household_in_scope on household to bangfu_app
    using (bangfu_scope_all() or village_id in (select bangfu_scope_villages()))
    with check (bangfu_scope_all() or village_id in (select bangfu_scope_villages()));

-- ==================== sync_tombstone ================================================================================
-- (V8)
-- a tombstone tells which row went, nothing about it: anyone may leave one, the village's people read it
drop policy if exists sync_tombstone_read on sync_tombstone;
create policy sync_tombstone_read on sync_tombstone for select to bangfu_app
    using (bangfu_scope_all() or village_id in (select bangfu_scope_villages()));
drop policy if exists sync_tombstone_write on sync_tombstone;
create policy sync_tombstone_write on sync_tombstone for insert to bangfu_app with check (true);

-- ==================== monitoring_case ===============================================================================
-- (V12)
-- Who sees what: cases as their households; steps as their cases; tasks and warnings where they belong,
-- which for an unmatched warning may be a town or a county only.
drop policy if exists monitoring_case_in_scope on monitoring_case;
create policy monitoring_case_in_scope on monitoring_case to bangfu_app
    using (bangfu_scope_all() or village_id in (select bangfu_scope_villages()))
    with check (bangfu_scope_all() or village_id in (select bangfu_scope_villages()));

-- ==================== risk_warning ==================================================================================
drop policy if exists risk_warning_in_scope on risk_warning;
create policy risk_warning_in_scope on risk_warning to bangfu_app
    using (bangfu_scope_all() or village_id in (select bangfu_scope_villages())
           or (village_id is null and (town_id in (select bangfu_scope_towns())
                                       or county_id in (select bangfu_scope_counties()))))
    with check (bangfu_scope_all() or village_id in (select bangfu_scope_villages())
                or (village_id is null and (town_id in (select bangfu_scope_towns())
                                            or county_id in (select bangfu_scope_counties()))));

-- ==================== task ==========================================================================================
drop policy if exists task_in_scope on task;
create policy task_in_scope on task to bangfu_app
    using (bangfu_scope_all() or village_id in (select bangfu_scope_villages())
           or (village_id is null and (town_id in (select bangfu_scope_towns())
                                       or county_id in (select bangfu_scope_counties()))))
    with check (bangfu_scope_all() or village_id in (select bangfu_scope_villages())
                or (village_id is null and (town_id in (select bangfu_scope_towns())
                                            or county_id in (select bangfu_scope_counties()))));

-- ==================== case_step =====================================================================================
drop policy if exists case_step_in_scope on case_step;
create policy case_step_in_scope on case_step to bangfu_app
    using (exists (select from monitoring_case c where c.id = case_id))
    with check (exists (select from monitoring_case c where c.id = case_id));

-- ==================== assistance_measure ============================================================================
drop policy if exists assistance_measure_in_scope on assistance_measure;
create policy assistance_measure_in_scope on assistance_measure to bangfu_app
    using (bangfu_scope_all() or village_id in (select bangfu_scope_villages()))
    with check (bangfu_scope_all() or village_id in (select bangfu_scope_villages()));

-- ==================== household_change ==============================================================================
drop policy if exists household_change_in_scope on household_change;
create policy household_change_in_scope on household_change to bangfu_app
    using (bangfu_scope_all() or village_id in (select bangfu_scope_villages()))
    with check (bangfu_scope_all() or village_id in (select bangfu_scope_villages()));

-- ==================== household_income ==============================================================================
drop policy if exists household_income_in_scope on household_income;
create policy household_income_in_scope on household_income to bangfu_app
    using (bangfu_scope_all() or village_id in (select bangfu_scope_villages()))
    with check (bangfu_scope_all() or village_id in (select bangfu_scope_villages()));

-- ==================== household_member ==============================================================================
-- (V3)
-- the sub-selects read household, whose own policy applies to them
drop policy if exists household_member_in_scope on household_member;
create policy household_member_in_scope on household_member to bangfu_app
    using (bangfu_scope_all() or village_id in (select bangfu_scope_villages()))
    with check (bangfu_scope_all() or village_id in (select bangfu_scope_villages()));

-- ==================== visit =========================================================================================
-- (V16)
-- the policy is the parent's: bangfu_app is granted the parent only, never a partition, so it reads and writes
-- visits through the parent and its policy
drop policy if exists visit_in_scope on visit;
create policy visit_in_scope on visit to bangfu_app
    using (bangfu_scope_all() or village_id in (select bangfu_scope_villages())
           or cadre_id in (select bangfu_scope_cadres()))
    with check (bangfu_scope_all() or village_id in (select bangfu_scope_villages())
                or cadre_id in (select bangfu_scope_cadres()));

-- ==================== visit_newest ==================================================================================
-- (V41)
-- the keys of each household's newest visits, under the visits' own policy: a row carries its visit's village and
-- cadre
drop policy if exists visit_newest_in_scope on visit_newest;
create policy visit_newest_in_scope on visit_newest to bangfu_app
    using (bangfu_scope_all() or village_id in (select bangfu_scope_villages())
           or cadre_id in (select bangfu_scope_cadres()));

-- ==================== client_change =================================================================================
-- (V19)
-- A user sees and claims only their own change ids; an id another user took is found by the insert that fails to
-- claim it (insert ... on conflict do nothing), without reading that user's row.
drop policy if exists client_change_own on client_change;
create policy client_change_own on client_change to bangfu_app
    using (user_id = nullif(current_setting('bangfu.user', true), '')::bigint)
    with check (user_id = nullif(current_setting('bangfu.user', true), '')::bigint);

-- ==================== fund_allocation ===============================================================================
drop policy if exists fund_allocation_read on fund_allocation;
create policy fund_allocation_read on fund_allocation for select to bangfu_app using (true);
drop policy if exists fund_allocation_write on fund_allocation;
create policy fund_allocation_write on fund_allocation for all to bangfu_app
    using (exists (select from project p where p.id = project_id
                   and bangfu_may_keep_project(p.county_id, p.implementing_unit_id)))
    with check (exists (select from project p where p.id = project_id
                        and bangfu_may_keep_project(p.county_id, p.implementing_unit_id)));

-- ==================== project =======================================================================================
drop policy if exists project_insert on project;
create policy project_insert on project for insert to bangfu_app
    with check (bangfu_may_keep_project(county_id, implementing_unit_id));
drop policy if exists project_read on project;
create policy project_read on project for select to bangfu_app using (true);
drop policy if exists project_update on project;
create policy project_update on project for update to bangfu_app
    using (bangfu_may_keep_project(county_id, implementing_unit_id))
    with check (bangfu_may_keep_project(county_id, implementing_unit_id));

-- ==================== project_asset =================================================================================
drop policy if exists project_asset_read on project_asset;
create policy project_asset_read on project_asset for select to bangfu_app using (true);
drop policy if exists project_asset_write on project_asset;
create policy project_asset_write on project_asset for all to bangfu_app
    using (exists (select from project p where p.id = project_id
                   and bangfu_may_keep_project(p.county_id, p.implementing_unit_id)))
    with check (exists (select from project p where p.id = project_id
                        and bangfu_may_keep_project(p.county_id, p.implementing_unit_id)));

-- ==================== project_beneficiary ===========================================================================
drop policy if exists project_beneficiary_in_scope on project_beneficiary;
create policy project_beneficiary_in_scope on project_beneficiary to bangfu_app
    using (bangfu_scope_all() or village_id in (select bangfu_scope_villages()))
    with check (bangfu_scope_all() or village_id in (select bangfu_scope_villages()));

-- ==================== project_spending ==============================================================================
drop policy if exists project_spending_insert on project_spending;
create policy project_spending_insert on project_spending for insert to bangfu_app
    with check (exists (select from project p where p.id = project_id
                        and bangfu_may_keep_project(p.county_id, p.implementing_unit_id)));
drop policy if exists project_spending_read on project_spending;
create policy project_spending_read on project_spending for select to bangfu_app using (true);

-- ==================== project_step ==================================================================================
drop policy if exists project_step_insert on project_step;
create policy project_step_insert on project_step for insert to bangfu_app
    with check (exists (select from project p where p.id = project_id
                        and bangfu_may_keep_project(p.county_id, p.implementing_unit_id)));
drop policy if exists project_step_read on project_step;
create policy project_step_read on project_step for select to bangfu_app using (true);

-- ==================== data_import ===================================================================================
-- (V23)
-- An uploader sees their own imports; administrators see all. Nothing of an import is removed.
drop policy if exists data_import_own on data_import;
create policy data_import_own on data_import to bangfu_app
    using (bangfu_scope_all() or user_id = nullif(current_setting('bangfu.user', true), '')::bigint)
    with check (user_id = nullif(current_setting('bangfu.user', true), '')::bigint);

-- ==================== data_import_finding ===========================================================================
drop policy if exists data_import_finding_own on data_import_finding;
create policy data_import_finding_own on data_import_finding to bangfu_app
    using (import_id in (select id from data_import))
    with check (import_id in (select id from data_import));

-- ==================== visit_effect ==================================================================================
drop policy if exists visit_effect_in_scope on visit_effect;
create policy visit_effect_in_scope on visit_effect to bangfu_app
    using (bangfu_scope_all() or village_id in (select bangfu_scope_villages()))
    with check (bangfu_scope_all() or village_id in (select bangfu_scope_villages()));

-- ==================== supervision_coverage ==========================================================================
drop policy if exists supervision_coverage_insert on supervision_coverage;
create policy supervision_coverage_insert on supervision_coverage for insert to bangfu_app
    with check (exists (select from supervision_round r where r.id = round_id and bangfu_may_keep_city(r.city_id)));
drop policy if exists supervision_coverage_read on supervision_coverage;
create policy supervision_coverage_read on supervision_coverage for select to bangfu_app
    using (bangfu_scope_all() or county_id in (select bangfu_scope_counties())
           or town_id in (select bangfu_scope_towns()) or village_id in (select bangfu_scope_villages())
           or (county_id is null
               and exists (select from supervision_round r where r.id = round_id and bangfu_may_keep_city(r.city_id))));

-- ==================== supervision_problem ===========================================================================
drop policy if exists supervision_problem_in_scope on supervision_problem;
create policy supervision_problem_in_scope on supervision_problem to bangfu_app
    using (bangfu_scope_all() or county_id in (select bangfu_scope_counties())
           or town_id in (select bangfu_scope_towns()) or village_id in (select bangfu_scope_villages()))
    with check (bangfu_scope_all() or county_id in (select bangfu_scope_counties())
                or town_id in (select bangfu_scope_towns()) or village_id in (select bangfu_scope_villages()));

-- ==================== supervision_round =============================================================================
drop policy if exists supervision_round_insert on supervision_round;
create policy supervision_round_insert on supervision_round for insert to bangfu_app
    with check (bangfu_may_keep_city(city_id));
drop policy if exists supervision_round_read on supervision_round;
create policy supervision_round_read on supervision_round for select to bangfu_app using (true);
drop policy if exists supervision_round_update on supervision_round;
create policy supervision_round_update on supervision_round for update to bangfu_app
    using (bangfu_may_keep_city(city_id)) with check (bangfu_may_keep_city(city_id));

-- ==================== legal_adviser_posting =========================================================================
drop policy if exists legal_adviser_posting_in_scope on legal_adviser_posting;
create policy legal_adviser_posting_in_scope on legal_adviser_posting to bangfu_app
    using (bangfu_scope_all() or village_id in (select bangfu_scope_villages()))
    with check (bangfu_scope_all() or village_id in (select bangfu_scope_villages()));

-- ==================== relocation_community ==========================================================================
-- (V31)
-- Row-level security: a village's records are read and written where the village is in scope.
drop policy if exists relocation_community_in_scope on relocation_community;
create policy relocation_community_in_scope on relocation_community to bangfu_app
    using (bangfu_scope_all() or village_id in (select bangfu_scope_villages()))
    with check (bangfu_scope_all() or village_id in (select bangfu_scope_villages()));

-- ==================== village_collective_income =====================================================================
drop policy if exists village_collective_income_in_scope on village_collective_income;
create policy village_collective_income_in_scope on village_collective_income to bangfu_app
    using (bangfu_scope_all() or village_id in (select bangfu_scope_villages()))
    with check (bangfu_scope_all() or village_id in (select bangfu_scope_villages()));

-- ==================== village_plan ==================================================================================
drop policy if exists village_plan_in_scope on village_plan;
create policy village_plan_in_scope on village_plan to bangfu_app
    using (bangfu_scope_all() or village_id in (select bangfu_scope_villages()))
    with check (bangfu_scope_all() or village_id in (select bangfu_scope_villages()));

-- ==================== enterprise ====================================================================================
-- (V32)
-- Who sees and writes what: a body where it lies, as tasks and warnings (V12): in a village in scope, or, without a
-- village, in a town or county the user's grants cover whole. Its years as the body; its employed households as
-- households.
-- The policy is written out rather than called as a function: a SQL function called per row is planned anew on
-- every call (see V17), where the scope functions in sub-selects here run once per statement.
drop policy if exists enterprise_in_scope on enterprise;
create policy enterprise_in_scope on enterprise to bangfu_app
    using (bangfu_scope_all() or village_id in (select bangfu_scope_villages())
           or (village_id is null and (town_id in (select bangfu_scope_towns())
                                       or county_id in (select bangfu_scope_counties()))))
    with check (bangfu_scope_all() or village_id in (select bangfu_scope_villages())
                or (village_id is null and (town_id in (select bangfu_scope_towns())
                                            or county_id in (select bangfu_scope_counties()))));

-- ==================== enterprise_employed_household =================================================================
drop policy if exists enterprise_employed_household_in_scope on enterprise_employed_household;
create policy enterprise_employed_household_in_scope on enterprise_employed_household to bangfu_app
    using (bangfu_scope_all() or village_id in (select bangfu_scope_villages()))
    with check (bangfu_scope_all() or village_id in (select bangfu_scope_villages()));

-- ==================== enterprise_year ===============================================================================
drop policy if exists enterprise_year_in_scope on enterprise_year;
create policy enterprise_year_in_scope on enterprise_year to bangfu_app
    using (enterprise_id in (select e.id from enterprise e))
    with check (enterprise_id in (select e.id from enterprise e));

-- ==================== exited_household ==============================================================================
-- (V34)
-- Who may read and write them: the villages in scope, as for the monitored households' rows.
drop policy if exists exited_household_in_scope on exited_household;
create policy exited_household_in_scope on exited_household to bangfu_app
    using (bangfu_scope_all() or village_id in (select bangfu_scope_villages()))
    with check (bangfu_scope_all() or village_id in (select bangfu_scope_villages()));

-- ==================== exited_household_employment ===================================================================
drop policy if exists exited_household_employment_in_scope on exited_household_employment;
create policy exited_household_employment_in_scope on exited_household_employment to bangfu_app
    using (bangfu_scope_all() or village_id in (select bangfu_scope_villages()))
    with check (bangfu_scope_all() or village_id in (select bangfu_scope_villages()));

-- ==================== exited_household_year =========================================================================
drop policy if exists exited_household_year_in_scope on exited_household_year;
create policy exited_household_year_in_scope on exited_household_year to bangfu_app
    using (bangfu_scope_all() or village_id in (select bangfu_scope_villages()))
    with check (bangfu_scope_all() or village_id in (select bangfu_scope_villages()));

-- ==================== microcredit_loan ==============================================================================
drop policy if exists microcredit_loan_in_scope on microcredit_loan;
create policy microcredit_loan_in_scope on microcredit_loan to bangfu_app
    using (bangfu_scope_all() or village_id in (select bangfu_scope_villages()))
    with check (bangfu_scope_all() or village_id in (select bangfu_scope_villages()));

-- ==================== microcredit_repayment =========================================================================
drop policy if exists microcredit_repayment_in_scope on microcredit_repayment;
create policy microcredit_repayment_in_scope on microcredit_repayment to bangfu_app
    using (bangfu_scope_all() or village_id in (select bangfu_scope_villages()))
    with check (bangfu_scope_all() or village_id in (select bangfu_scope_villages()));

-- ==================== record_history ================================================================================
-- (V19)
-- Households' rows are personal data: read where the household is in scope (the service shows them only to those
-- responsible for it). The other subjects are records every signed-in user reads.
drop policy if exists record_history_read on record_history;
create policy record_history_read on record_history for select to bangfu_app
    using (case subject_type
               when 'HOUSEHOLD' then bangfu_scope_all() or village_id in (select bangfu_scope_villages())
               when 'VILLAGE' then bangfu_scope_all() or village_id in (select bangfu_scope_villages())
               when 'EXITED_HOUSEHOLD' then bangfu_scope_all() or village_id in (select bangfu_scope_villages())
               when 'SUPERVISION_PROBLEM' then subject_key in (select p.id from supervision_problem p)
               else true end);

-- ==================== exited_household_training =====================================================================
-- (V35)
-- Who may read and write them: the villages in scope, as for the register's other rows.
drop policy if exists exited_household_training_in_scope on exited_household_training;
create policy exited_household_training_in_scope on exited_household_training to bangfu_app
    using (bangfu_scope_all() or village_id in (select bangfu_scope_villages()))
    with check (bangfu_scope_all() or village_id in (select bangfu_scope_villages()));

-- ==================== public_welfare_job ============================================================================
drop policy if exists public_welfare_job_in_scope on public_welfare_job;
create policy public_welfare_job_in_scope on public_welfare_job to bangfu_app
    using (bangfu_scope_all() or village_id in (select bangfu_scope_villages()))
    with check (bangfu_scope_all() or village_id in (select bangfu_scope_villages()));

-- ==================== relocation_support ============================================================================
drop policy if exists relocation_support_in_scope on relocation_support;
create policy relocation_support_in_scope on relocation_support to bangfu_app
    using (bangfu_scope_all() or village_id in (select bangfu_scope_villages()))
    with check (bangfu_scope_all() or village_id in (select bangfu_scope_villages()));

