-- Delta sync for phones (sync.ChangeFeed): every row a phone may hold carries the position of its last change,
-- (sync_xid, sync_seq): the transaction that wrote it and a number from one sequence. A phone's cursor is a
-- position; it asks for the rows of its villages past it, in position order.
--
-- Why the transaction id and not only the sequence: sequence numbers are taken when a row is written but become
-- visible when its transaction commits, so a reader could see number 101 while 100 is still uncommitted, move its
-- cursor past 100, and never see it. The reader therefore only hands out rows whose transaction is older than
-- every transaction still running (pg_snapshot_xmin of its snapshot): no row can appear behind the cursor later.
-- Rows of one transaction become visible together, so within a transaction the sequence orders them.

create sequence sync_position_seq;
grant usage, select on sequence sync_position_seq to bangfu_app;

alter table village
    add column sync_xid xid8   not null default pg_current_xact_id(),
    add column sync_seq bigint not null default nextval('sync_position_seq');
alter table household
    add column sync_xid xid8   not null default pg_current_xact_id(),
    add column sync_seq bigint not null default nextval('sync_position_seq');
alter table assistance_measure
    add column sync_xid xid8   not null default pg_current_xact_id(),
    add column sync_seq bigint not null default nextval('sync_position_seq');
alter table visit
    add column sync_xid xid8   not null default pg_current_xact_id(),
    add column sync_seq bigint not null default nextval('sync_position_seq');

create index village_sync_idx on village (sync_xid, sync_seq);
create index household_sync_idx on household (village_id, sync_xid, sync_seq);
create index assistance_measure_sync_idx on assistance_measure (household_id, sync_xid, sync_seq);
create index visit_sync_idx on visit (cadre_id, village_id, sync_xid, sync_seq);

-- Items that left a village the phone keeps: deleted rows, and households moved to another village.
create table sync_tombstone (
    sync_seq   bigint primary key default nextval('sync_position_seq'),
    sync_xid   xid8   not null default pg_current_xact_id(),
    item_type  text   not null check (item_type in ('HOUSEHOLD', 'ASSISTANCE_MEASURE')),
    item_key   bigint not null,
    village_id bigint not null
);
create index sync_tombstone_village_idx on sync_tombstone (village_id, sync_xid, sync_seq);

alter table sync_tombstone enable row level security;
-- a tombstone tells which row went, nothing about it: anyone may leave one, the village's people read it
create policy sync_tombstone_read on sync_tombstone for select to bangfu_app
    using (bangfu_scope_all() or village_id in (select bangfu_scope_villages()));
create policy sync_tombstone_write on sync_tombstone for insert to bangfu_app with check (true);
grant select, insert on sync_tombstone to bangfu_app;

-- Every insert and update moves the row to the newest position, whatever the statement set.
create function sync_position() returns trigger
    language plpgsql
as $$
begin
    new.sync_xid := pg_current_xact_id();
    new.sync_seq := nextval('sync_position_seq');
    return new;
end
$$;

-- named to sort after visit_append_only: that trigger compares the row before these columns move
create trigger village_sync_position before insert or update on village
    for each row execute function sync_position();
create trigger household_sync_position before insert or update on household
    for each row execute function sync_position();
create trigger assistance_measure_sync_position before insert or update on assistance_measure
    for each row execute function sync_position();
create trigger visit_sync_position before insert or update on visit
    for each row execute function sync_position();

-- A household moved to another village leaves its old one: the phones there drop it (and its measures).
create function household_left_village() returns trigger
    language plpgsql
as $$
begin
    insert into sync_tombstone (item_type, item_key, village_id) values ('HOUSEHOLD', old.id, old.village_id);
    -- its measures travel with it to the phones of the new village
    update assistance_measure set sync_seq = 0 where household_id = new.id;
    return new;
end
$$;

create trigger household_left_village after update of village_id on household
    for each row when (old.village_id is distinct from new.village_id)
    execute function household_left_village();

-- Deletions, per statement so that a bulk delete writes its tombstones in one insert. A measure deleted with
-- its household (on delete cascade) finds no household any more: the household's own tombstone covers it.
create function household_deleted() returns trigger
    language plpgsql
as $$
begin
    insert into sync_tombstone (item_type, item_key, village_id)
    select 'HOUSEHOLD', gone.id, gone.village_id from gone;
    return null;
end
$$;

create trigger household_deleted after delete on household
    referencing old table as gone
    for each statement execute function household_deleted();

create function assistance_measure_deleted() returns trigger
    language plpgsql
as $$
begin
    insert into sync_tombstone (item_type, item_key, village_id)
    select 'ASSISTANCE_MEASURE', gone.id, h.village_id from gone join household h on h.id = gone.household_id;
    return null;
end
$$;

create trigger assistance_measure_deleted after delete on assistance_measure
    referencing old table as gone
    for each statement execute function assistance_measure_deleted();

-- Members and incomes travel inside their household's item: a change to them moves the household.
-- (the transition table is named "changed" on every trigger below, new rows or old ones as fits the event)
-- A household already changed in the same transaction stands at that transaction's position, and phones read a
-- transaction's rows only once it has committed, whole: moving it again gains nothing, and skipping it keeps a bulk
-- load (the demo data set's COPY of every member) from rewriting every household it has just inserted.
create function household_parts_changed() returns trigger
    language plpgsql
as $$
begin
    update household set sync_seq = 0
    where id in (select distinct household_id from changed)
      and sync_xid <> pg_current_xact_id();
    return null;
end
$$;

create trigger household_member_inserted after insert on household_member
    referencing new table as changed
    for each statement execute function household_parts_changed();
create trigger household_member_updated after update on household_member
    referencing new table as changed
    for each statement execute function household_parts_changed();
create trigger household_member_deleted after delete on household_member
    referencing old table as changed
    for each statement execute function household_parts_changed();
create trigger household_income_inserted after insert on household_income
    referencing new table as changed
    for each statement execute function household_parts_changed();
create trigger household_income_updated after update on household_income
    referencing new table as changed
    for each statement execute function household_parts_changed();
create trigger household_income_deleted after delete on household_income
    referencing old table as changed
    for each statement execute function household_parts_changed();
