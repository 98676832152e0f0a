-- Leaders' saved views: a named GraphQL query with its variables, shared with roles, jurisdiction levels or
-- named users. A view holds no data and no scope: whoever runs it sees their own jurisdiction.

create table saved_view (
    id           bigint      generated always as identity primary key,
    owner_id     bigint      not null references app_user on delete cascade,
    name         text        not null check (length(trim(name)) between 1 and 100),
    description  text        not null default '' check (length(description) <= 2000),
    document     text        not null check (length(document) between 1 and 32768),
    variables    jsonb       not null default '{}' check (jsonb_typeof(variables) = 'object'),
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now(),
    unique (owner_id, name)
);

create table saved_view_share (
    view_id   bigint not null references saved_view on delete cascade,
    -- exactly one of: a role, a jurisdiction level, a user
    role      text   check (role in ('ADMIN', 'CITY_LEADER', 'COUNTY_OFFICER', 'TOWN_OFFICER', 'UNIT_MANAGER',
                                     'FIRST_SECRETARY', 'TEAM_MEMBER', 'DEVELOPER')),
    level     text   check (level in ('CITY', 'COUNTY', 'TOWN', 'VILLAGE')),
    user_id   bigint references app_user on delete cascade,
    check (num_nonnulls(role, level, user_id) = 1)
);
create index saved_view_share_view_idx on saved_view_share (view_id);
create index saved_view_share_user_idx on saved_view_share (user_id) where user_id is not null;

grant select, insert, update, delete on saved_view, saved_view_share to bangfu_app;
