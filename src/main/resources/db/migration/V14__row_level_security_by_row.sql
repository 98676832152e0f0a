-- The policies of the tables that belong to a household (or to a case) asked "is this row's household among ALL the
-- households in scope?": PostgreSQL answered by reading every household and hashing those in scope, once per
-- statement. For a phone's page of six households that meant reading the city's 24,000 (23 ms of a 25 ms query at
-- 1x data, ten times that at 10x). Asked instead "is this row's household in scope?" (a correlated EXISTS, the
-- same rows visible), the planner picks per statement: one primary-key probe per row for a page, the same hash of
-- all households for a city-wide figure. The household's own policy still applies inside the sub-select.

drop policy household_member_in_scope on household_member;
create policy household_member_in_scope on household_member to bangfu_app
    using (exists (select from household h where h.id = household_id))
    with check (exists (select from household h where h.id = household_id));

drop policy household_income_in_scope on household_income;
create policy household_income_in_scope on household_income to bangfu_app
    using (exists (select from household h where h.id = household_id))
    with check (exists (select from household h where h.id = household_id));

drop policy assistance_measure_in_scope on assistance_measure;
create policy assistance_measure_in_scope on assistance_measure to bangfu_app
    using (exists (select from household h where h.id = household_id))
    with check (exists (select from household h where h.id = household_id));

drop policy household_change_in_scope on household_change;
create policy household_change_in_scope on household_change to bangfu_app
    using (exists (select from household h where h.id = household_id))
    with check (exists (select from household h where h.id = household_id));

drop policy case_step_in_scope on case_step;
create policy case_step_in_scope on case_step to bangfu_app
    using (exists (select from monitoring_case c where c.id = case_id))
    with check (exists (select from monitoring_case c where c.id = case_id));
