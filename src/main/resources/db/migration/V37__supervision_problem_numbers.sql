-- The number a round's problem list gives each problem (问题编号, issue 22): the supervision office's list (督帮问题清单)
-- numbers its problems, and a spreadsheet import of the list (SUPERVISION_PROBLEMS) finds a problem again by its round
-- and number, so that the same list imported twice changes nothing and a corrected list changes only what it
-- corrects. Problems recorded through the API before a list named them have none.
alter table supervision_problem add column number text
    check (length(trim(number)) between 1 and 30 and number !~ '[[:cntrl:]]');
create unique index supervision_problem_number_once on supervision_problem (round_id, number)
    where number is not null;

-- Whether the round has a problem of this number, anywhere: a number is the round's once, and an officer who cannot
-- see the problem that carries it (another county's) is told it is taken. Answers only whether, nothing else.
create function bangfu_supervision_problem_number_taken(round bigint, problem_number text) returns boolean
    language sql stable security definer set search_path = public
as $$
    select exists (select 1 from supervision_problem where round_id = round and number = problem_number)
$$;
revoke all on function bangfu_supervision_problem_number_taken(bigint, text) from public;
grant execute on function bangfu_supervision_problem_number_taken(bigint, text) to bangfu_app;
