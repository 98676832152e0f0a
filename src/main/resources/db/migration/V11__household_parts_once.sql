-- A household changed in the same transaction as its members or incomes already stands at that transaction's
-- position, and phones read a transaction's rows only once it has committed, whole: moving it again gains
-- nothing. Skipping it keeps a bulk load (the demo data set's COPY of every member) from rewriting every
-- household it has just inserted.
create or replace function household_parts_changed() returns trigger
    language plpgsql
as $$
begin
    update household set sync_seq = 0
    where id in (select distinct household_id from changed)
      and sync_xid <> pg_current_xact_id();
    return null;
end
$$;
