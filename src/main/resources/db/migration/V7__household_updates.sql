-- Household updates from the field carry the version they were based on: each update raises the household's
-- version, a stale one is refused, and each change is kept under the id the phone gave it, so that a resend
-- is recognised rather than refused as stale.

alter table household add column version integer not null default 1 check (version >= 1);

create table household_change (
    -- made by the phone before it first sends the change
    id             uuid        primary key,
    household_id   bigint      not null references household,
    user_id        bigint      not null references app_user,
    base_version   integer     not null,
    version_after  integer     not null check (version_after = base_version + 1),
    content_hash   bytea       not null check (length(content_hash) = 32),
    changed_at     timestamptz not null default now()
);
create index household_change_household_idx on household_change (household_id, version_after);

alter table household_change enable row level security;
create policy household_change_in_scope on household_change to bangfu_app
    using (household_id in (select h.id from household h))
    with check (household_id in (select h.id from household h));

grant select, insert on household_change to bangfu_app;
