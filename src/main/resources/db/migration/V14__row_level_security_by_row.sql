-- A case's steps asked "is this row's case among ALL the cases in scope?": PostgreSQL answered by reading every case
-- and hashing those in scope, once per statement, even to show one household's history. Asked instead "is this
-- row's case in scope?" (a correlated EXISTS, the same rows visible), the planner probes the case of each row it
-- reads. The tables of a household's own rows ask the same question of their village instead (V15).

drop policy case_step_in_scope on case_step;
create policy case_step_in_scope on case_step to bangfu_app
    using (exists (select from monitoring_case c where c.id = case_id))
    with check (exists (select from monitoring_case c where c.id = case_id));
