-- Live figures (issue 21): a change to what leaders' figures count tells every instance of the service, through
-- PostgreSQL's NOTIFY, which village it touched, so that a live view in whose scope it lies runs again. A
-- notification is delivered when its transaction commits and not at all when it rolls back, once per distinct
-- payload and transaction, to every instance listening (view.ChangeSignals): what one instance wrote, the others
-- hear. The payload is the village's id, or * for a change tied to no village (a county's project, a cadre, a
-- unit), which every live view hears.
--
-- Statement triggers over transition tables: one notification per village a statement touched, whatever the number
-- of rows, so a bulk load costs a pass over its own rows, not a function call per row.
create function bangfu_signal_changes() returns trigger
    language plpgsql
as $$
begin
    perform pg_notify('bangfu_change', coalesce(d.village_id::text, '*'))
    from (select distinct village_id from changed_rows) d;
    return null;
end
$$;

create trigger visit_inserted_signal after insert on visit
    referencing new table as changed_rows for each statement execute function bangfu_signal_changes();
create trigger visit_updated_signal after update on visit
    referencing new table as changed_rows for each statement execute function bangfu_signal_changes();
-- a case's every step moves its state
create trigger monitoring_case_inserted_signal after insert on monitoring_case
    referencing new table as changed_rows for each statement execute function bangfu_signal_changes();
create trigger monitoring_case_updated_signal after update on monitoring_case
    referencing new table as changed_rows for each statement execute function bangfu_signal_changes();
create trigger task_inserted_signal after insert on task
    referencing new table as changed_rows for each statement execute function bangfu_signal_changes();
create trigger task_updated_signal after update on task
    referencing new table as changed_rows for each statement execute function bangfu_signal_changes();
-- every change of a kept record (households and their members, incomes and measures, projects, cadres, units,
-- leaders) leaves a row here, with its village when it has one
create trigger record_history_signal after insert on record_history
    referencing new table as changed_rows for each statement execute function bangfu_signal_changes();
