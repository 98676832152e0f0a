-- A phone's queue that the database refuses in part is stored one visit at a time (visit.VisitWriter), each insert's
-- trigger taking its household's turn (V41) in the queue's uuid order: two such queues over the same households in
-- opposite orders could each hold a turn the other waits for, and PostgreSQL would abort one. The service takes all
-- of a queue's turns first, in the households' order, as one statement's trigger does.
grant execute on function visit_newest_turn(bigint[]) to bangfu_app;
