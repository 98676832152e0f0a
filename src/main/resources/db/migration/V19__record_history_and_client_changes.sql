-- Records kept through the API (issue 17): every change to the programme's records is on record for good (who,
-- when, what before and after), and a change sent twice, from a desk that lost its answer or a phone that retried,
-- is applied once.
--
-- Who is acting: the service writes the signed-in user's key into each transaction beside the scope
-- (security.ScopedTransactionManager, setting bangfu.user), and the client's change id once it has claimed it
-- (history.ClientChanges, setting bangfu.change_id). The database itself then writes the history, so no change can
-- be made without its row: not by a mutation that forgot, not by a maintenance statement.

-- A change sent by a client under an id it made (a UUID), with the hash of what it said. A resend with the same
-- content is answered as the first sending was; the same id with other content is a conflict.
create table client_change (
    id            uuid        primary key,
    -- the mutation, e.g. createAssistanceUnit
    operation     text        not null check (length(operation) between 1 and 100),
    content_hash  bytea       not null check (length(content_hash) = 32),
    user_id       bigint      not null references app_user,
    -- what the change made or changed, which a resend answers with
    subject_type  text        not null check (length(subject_type) between 1 and 50),
    subject_key   bigint      not null,
    recorded_at   timestamptz not null default now()
);

-- A user sees and claims only their own change ids; an id another user took is found by the insert that fails to
-- claim it (insert ... on conflict do nothing), without reading that user's row.
alter table client_change enable row level security;
create policy client_change_own on client_change to bangfu_app
    using (user_id = nullif(current_setting('bangfu.user', true), '')::bigint)
    with check (user_id = nullif(current_setting('bangfu.user', true), '')::bigint);
grant select, insert on client_change to bangfu_app;

-- One row per change of one record, never changed or removed. The subject is what the change is read under
-- (`history` of a household, a project, a cadre, a unit, a leader); the record is the row that changed.
create table record_history (
    id            bigint      generated always as identity primary key,
    recorded_at   timestamptz not null default now(),
    change_id     uuid,
    user_id       bigint      references app_user,
    -- the name as it was when the change was made: a later rename does not rewrite history
    actor_name    text        not null,
    subject_type  text        not null check (subject_type in ('HOUSEHOLD', 'PROJECT', 'CADRE', 'ASSISTANCE_UNIT',
                                                               'LEADER')),
    subject_key   bigint      not null,
    -- for a household's rows, its village: who may read them follows it
    village_id    bigint,
    record_type   text        not null,
    record_key    text,
    operation     text        not null check (operation in ('CREATED', 'CHANGED', 'REMOVED')),
    -- the changed columns' values before and after; the whole row for a creation (after) or removal (before)
    before        jsonb,
    after         jsonb
);
create index record_history_subject_idx on record_history (subject_type, subject_key, id);
create index record_history_change_idx on record_history (change_id) where change_id is not null;

create function record_history_append_only() returns trigger
    language plpgsql
as $$
begin
    raise exception 'the history of records is never changed or removed: % is kept for good', old.id;
end
$$;
create trigger record_history_append_only before update or delete on record_history
    for each row execute function record_history_append_only();

-- Households' rows are personal data: read where the household is in scope (the service shows them only to those
-- responsible for it). The other subjects are records every signed-in user reads.
alter table record_history enable row level security;
create policy record_history_read on record_history for select to bangfu_app
    using (subject_type <> 'HOUSEHOLD' or bangfu_scope_all() or village_id in (select bangfu_scope_villages()));
-- no insert, update or delete for the service: only the trigger below writes, as the owner
grant select on record_history to bangfu_app;

-- Writes a row's change into record_history. Arguments: the subject type and the column of the row that holds the
-- subject's key. Columns the database keeps by itself (sync positions, versions, counts, sums of spending) are not
-- changes anyone made: an update that moves only them leaves no row. A bulk load turns the history off for its own transaction
-- (set local bangfu.history = 'off'): a loaded data set is a starting point, not a change.
create function record_history() returns trigger
    language plpgsql security definer set search_path = public
as $$
declare
    kept_by_database constant text[] := array['sync_xid', 'sync_seq', 'version', 'member_count', 'spent_fen'];
    old_row  jsonb;
    new_row  jsonb;
    the_row  jsonb;
    before   jsonb;
    after    jsonb;
    actor    bigint := nullif(current_setting('bangfu.user', true), '')::bigint;
begin
    if coalesce(current_setting('bangfu.history', true), '') = 'off' then
        return null;
    end if;
    if tg_op <> 'INSERT' then
        old_row := to_jsonb(old) - kept_by_database;
    end if;
    if tg_op <> 'DELETE' then
        new_row := to_jsonb(new) - kept_by_database;
    end if;
    the_row := coalesce(new_row, old_row);
    if tg_op = 'UPDATE' then
        select jsonb_object_agg(o.key, o.value), jsonb_object_agg(o.key, n.value)
        into before, after
        from jsonb_each(old_row) o join jsonb_each(new_row) n on n.key = o.key
        where o.value is distinct from n.value;
        if before is null then
            return null;
        end if;
    else
        before := old_row;
        after := new_row;
    end if;
    insert into record_history (change_id, user_id, actor_name, subject_type, subject_key, village_id, record_type,
                                record_key, operation, before, after)
    values (nullif(current_setting('bangfu.change_id', true), '')::uuid, actor,
            coalesce((select display_name from app_user where id = actor), '系统'),
            tg_argv[0], (the_row ->> tg_argv[1])::bigint, (the_row ->> 'village_id')::bigint, upper(tg_table_name),
            the_row ->> 'id', case tg_op when 'INSERT' then 'CREATED' when 'UPDATE' then 'CHANGED' else 'REMOVED' end,
            before, after);
    return null;
end
$$;

create trigger household_history after insert or update or delete on household
    for each row execute function record_history('HOUSEHOLD', 'id');
create trigger household_member_history after insert or update or delete on household_member
    for each row execute function record_history('HOUSEHOLD', 'household_id');
create trigger household_income_history after insert or update or delete on household_income
    for each row execute function record_history('HOUSEHOLD', 'household_id');
create trigger assistance_measure_history after insert or update or delete on assistance_measure
    for each row execute function record_history('HOUSEHOLD', 'household_id');
create trigger project_history after insert or update or delete on project
    for each row execute function record_history('PROJECT', 'id');
create trigger fund_allocation_history after insert or update or delete on fund_allocation
    for each row execute function record_history('PROJECT', 'project_id');
create trigger cadre_history after insert or update or delete on cadre
    for each row execute function record_history('CADRE', 'id');
create trigger posting_history after insert or update or delete on posting
    for each row execute function record_history('CADRE', 'cadre_id');
create trigger assistance_unit_history after insert or update or delete on assistance_unit
    for each row execute function record_history('ASSISTANCE_UNIT', 'id');
create trigger unit_pairing_history after insert or update or delete on unit_pairing
    for each row execute function record_history('ASSISTANCE_UNIT', 'unit_id');
create trigger leader_history after insert or update or delete on leader
    for each row execute function record_history('LEADER', 'id');
create trigger leader_liaison_history after insert or update or delete on leader_liaison
    for each row execute function record_history('LEADER', 'leader_id');

-- Records changed through the API carry a version: a change names the version it was based on, raises it, and is
-- refused as stale when someone else raised it first (households have had one since V7).
alter table assistance_unit add column version integer not null default 1 check (version >= 1);
alter table unit_pairing add column version integer not null default 1 check (version >= 1);
alter table leader add column version integer not null default 1 check (version >= 1);
alter table leader_liaison add column version integer not null default 1 check (version >= 1);

-- a unit is paired with a village once at a time: an exclusion over the period, which needs btree_gist for the
-- keys' equality (a trusted extension: the database's owner may create it)
create extension if not exists btree_gist;
alter table unit_pairing add constraint unit_pairing_once_at_a_time
    exclude using gist (unit_id with =, village_id with =, daterange(started_on, ended_on, '[]') with &&);
