-- Visits are append-only: an amendment is a new row, the next version of the same visit, and the version it
-- replaces only learns which row replaced it. The database refuses every other change and every delete.

alter table visit
    add column first_version_id uuid references visit (id),
    add column version          integer not null default 1 check (version >= 1),
    add column replaced_by      uuid unique references visit (id),
    add check ((version = 1) = (first_version_id is null));

-- one version replaces another at most once (replaced_by is unique, and set only while null), which keeps a
-- chain a line: a second correction of the same version finds it replaced and is refused as stale
create index visit_chain_idx on visit (first_version_id) where first_version_id is not null;
create index visit_current_idx on visit (occurred_at desc, id desc) where replaced_by is null;

create function visit_append_only() returns trigger
    language plpgsql
as $$
declare
    unchanged visit;
begin
    if tg_op = 'DELETE' then
        raise exception 'visits are append-only: % cannot be deleted', old.id;
    end if;
    unchanged := new;
    unchanged.replaced_by := null;
    -- the one change allowed: naming, once, the next version of the same visit as the replacement
    if old.replaced_by is null and new.replaced_by is not null and unchanged is not distinct from old
       and exists (select 1 from visit n
                   where n.id = new.replaced_by
                     and n.first_version_id = coalesce(old.first_version_id, old.id)
                     and n.version = old.version + 1) then
        return new;
    end if;
    raise exception 'visits are append-only: % can only be marked as replaced by a new version', old.id;
end
$$;

create trigger visit_append_only before update or delete on visit
    for each row execute function visit_append_only();
