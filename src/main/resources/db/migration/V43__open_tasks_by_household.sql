-- Every visit to a household looks for the household's open tasks (the open verification of a warning the visit
-- does, monitoring.TaskRepository), and the cases' steps look for open tasks of a kind by household: with no index
-- on the household, each read the whole task table, which grows with the programme (94,500 tasks at 100×).
-- Open tasks only: closed ones are most of the table and never looked up this way.
create index task_open_household_idx on task (household_id, kind) where status = 'OPEN';
