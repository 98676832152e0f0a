-- The audit trail holds the line by itself: no role, the owner's included, may change or remove a row, whatever
-- its grants say; only dropping the trigger, which takes the owner, would let one. And each row says which way
-- the request came in.

alter table audit_event add column path text check (length(path) <= 300);
comment on column audit_event.path is
    'the way in: GraphQL and its endpoint, or the HTTP method and path of the endpoint beside it';

create function bangfu_audit_append_only() returns trigger
    language plpgsql
as $$
begin
    raise exception 'audit_event is append-only: % refused', tg_op
        using errcode = 'insufficient_privilege';
end
$$;

create trigger audit_event_rows_stay before update or delete on audit_event
    for each row execute function bangfu_audit_append_only();
create trigger audit_event_table_stays before truncate on audit_event
    for each statement execute function bangfu_audit_append_only();
