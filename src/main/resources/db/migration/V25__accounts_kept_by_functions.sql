-- The service works as bangfu_app, and connects with a login of its own that owns nothing (README "Security":
-- the owner runs migrations, the service never connects as it). What bangfu_app may still do, it does under
-- rules the database holds by itself:
--
-- * Accounts and their roles change only through the functions below, which the account mutations use:
--   bangfu_app reads app_user and role_grant but no longer writes them. Each function checks the acting user
--   (bangfu.user, which the service writes into every transaction) against the rule: admins keep every account;
--   officers and unit managers open cadres' accounts and give them the cadres' roles; a user sets their own
--   password; and a database without any account takes its first, which may be made an admin (the first admin
--   of a new installation, the demo's). The service checks the same rules first and says why in Chinese; these
--   are the floor beneath.
-- * The monthly partitions of visits are made by functions that run as the owner (only the owner may change a
--   table's partitions), so the service's daily upkeep needs no owner's connection.

create function bangfu_acting_user() returns bigint
    language sql stable
as $$
    select nullif(current_setting('bangfu.user', true), '')::bigint
$$;

create function bangfu_acting_as(wanted text[]) returns boolean
    language sql stable security definer set search_path = public
as $$
    select exists (select from role_grant g where g.user_id = bangfu_acting_user() and g.role = any (wanted))
$$;

-- admins, for every account and role; officers and unit managers, for a cadre's account and a cadre's role
create function bangfu_may_keep_account(cadre_account boolean, granted text) returns boolean
    language sql stable security definer set search_path = public
as $$
    select bangfu_acting_as(array['ADMIN'])
        -- the first account, and its first role, an admin's
        or (granted is null and not exists (select from app_user))
        or (granted = 'ADMIN' and (select count(*) from app_user) = 1 and not exists (select from role_grant))
        or (cadre_account and (granted is null or granted in ('FIRST_SECRETARY', 'TEAM_MEMBER'))
            and bangfu_acting_as(array['CITY_LEADER', 'COUNTY_OFFICER', 'TOWN_OFFICER', 'UNIT_MANAGER']))
$$;

create function bangfu_refuse(what text) returns void
    language plpgsql
as $$
begin
    raise exception 'account change refused: %', what using errcode = 'insufficient_privilege';
end
$$;

create function bangfu_create_account(new_username text, new_password_hash text, new_display_name text,
                                      new_cadre_id bigint) returns bigint
    language plpgsql security definer set search_path = public
as $$
declare
    created bigint;
begin
    if not bangfu_may_keep_account(new_cadre_id is not null, null) then
        perform bangfu_refuse('only admins create accounts, and officers those of cadres');
    end if;
    insert into app_user (username, password_hash, display_name, cadre_id)
    values (new_username, new_password_hash, new_display_name, new_cadre_id)
    returning id into created;
    return created;
end
$$;

create function bangfu_link_cadre(account bigint, cadre bigint) returns void
    language plpgsql security definer set search_path = public
as $$
begin
    if not bangfu_may_keep_account(true, null) then
        perform bangfu_refuse('only admins and officers give an account to a cadre');
    end if;
    update app_user set cadre_id = cadre where id = account and cadre_id is null;
end
$$;

create function bangfu_set_password(account bigint, new_password_hash text) returns void
    language plpgsql security definer set search_path = public
as $$
begin
    if not (bangfu_acting_as(array['ADMIN']) or bangfu_acting_user() = account) then
        perform bangfu_refuse('a password is set by its user or an admin');
    end if;
    update app_user set password_hash = new_password_hash where id = account;
end
$$;

create function bangfu_grant_role(account bigint, granted text, city bigint, county bigint, town bigint,
                                  unit bigint) returns void
    language plpgsql security definer set search_path = public
as $$
begin
    if not bangfu_may_keep_account(exists (select from app_user where id = account and cadre_id is not null),
                                   granted) then
        perform bangfu_refuse('only admins grant roles, and officers cadres'' roles to cadres');
    end if;
    insert into role_grant (user_id, role, city_id, county_id, town_id, unit_id)
    values (account, granted, city, county, town, unit)
    on conflict do nothing;
end
$$;

create function bangfu_revoke_role(account bigint, revoked text, city bigint, county bigint, town bigint,
                                   unit bigint) returns integer
    language plpgsql security definer set search_path = public
as $$
declare
    removed integer;
begin
    if not bangfu_acting_as(array['ADMIN']) then
        perform bangfu_refuse('only admins revoke roles');
    end if;
    delete from role_grant
    where user_id = account and role = revoked
      and city_id is not distinct from city and county_id is not distinct from county
      and town_id is not distinct from town and unit_id is not distinct from unit;
    get diagnostics removed = row_count;
    return removed;
end
$$;

revoke insert, update, delete, truncate on app_user, role_grant from bangfu_app;

-- the months waiting in the default partition of visits, for the upkeep to give them partitions
create function visit_months_waiting() returns setof date
    language sql stable security definer set search_path = public
as $$
    select distinct date_trunc('month', occurred_at at time zone 'UTC')::date from visit_other_months
$$;

alter function visit_partitions_cover(date, date) security definer;

revoke all on function bangfu_acting_as(text[]), bangfu_may_keep_account(boolean, text),
    bangfu_create_account(text, text, text, bigint), bangfu_link_cadre(bigint, bigint),
    bangfu_set_password(bigint, text), bangfu_grant_role(bigint, text, bigint, bigint, bigint, bigint),
    bangfu_revoke_role(bigint, text, bigint, bigint, bigint, bigint), visit_months_waiting() from public;
grant execute on function bangfu_create_account(text, text, text, bigint), bangfu_link_cadre(bigint, bigint),
    bangfu_set_password(bigint, text), bangfu_grant_role(bigint, text, bigint, bigint, bigint, bigint),
    bangfu_revoke_role(bigint, text, bigint, bigint, bigint, bigint), visit_months_waiting(),
    visit_partitions_cover(date, date) to bangfu_app;

-- the rate limits' buckets, which the service kept as the owner until it stopped connecting as one
grant select, insert, update, delete on rate_limit_bucket to bangfu_app;

-- the history of records refuses truncation too, as the audit trail does (V24); its rows already stay (V19)
create function bangfu_table_stays() returns trigger
    language plpgsql
as $$
begin
    raise exception '% is append-only: % refused', tg_table_name, tg_op using errcode = 'insufficient_privilege';
end
$$;
create trigger record_history_table_stays before truncate on record_history
    for each statement execute function bangfu_table_stays();
