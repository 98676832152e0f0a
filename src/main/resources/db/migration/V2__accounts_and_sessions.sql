-- Accounts, the roles they hold with the jurisdiction each role is bound to, and phone sessions.

create table app_user (
    id             bigint generated always as identity primary key,
    username       text        not null unique check (username ~ '^[a-z0-9][a-z0-9._-]{2,63}$'),
    -- a Spring Security DelegatingPasswordEncoder value, "{bcrypt}$2a$..."; never the password itself
    password_hash  text        not null check (password_hash like '{%}%'),
    display_name   text        not null check (length(trim(display_name)) > 0),
    -- the resident cadre this account belongs to; a cadre's jurisdiction follows that cadre's postings
    cadre_id       bigint      unique references cadre,
    enabled        boolean     not null default true,
    created_at     timestamptz not null default now()
);

create table role_grant (
    id          bigint generated always as identity primary key,
    user_id     bigint not null references app_user on delete cascade,
    role        text   not null check (role in ('ADMIN', 'CITY_LEADER', 'COUNTY_OFFICER', 'TOWN_OFFICER', 'UNIT_MANAGER',
                                                'FIRST_SECRETARY', 'TEAM_MEMBER', 'DEVELOPER')),
    city_id     bigint references city,
    county_id   bigint references county,
    town_id     bigint references town,
    unit_id     bigint references assistance_unit,
    -- each role names exactly the area or unit it is bound to; cadres' roles are bound by their postings
    check (case role
        when 'CITY_LEADER' then city_id is not null and county_id is null and town_id is null and unit_id is null
        when 'COUNTY_OFFICER' then county_id is not null and city_id is null and town_id is null and unit_id is null
        when 'TOWN_OFFICER' then town_id is not null and city_id is null and county_id is null and unit_id is null
        when 'UNIT_MANAGER' then unit_id is not null and city_id is null and county_id is null and town_id is null
        else city_id is null and county_id is null and town_id is null and unit_id is null
    end)
);
create index role_grant_user_idx on role_grant (user_id);
create unique index role_grant_once on role_grant (user_id, role, coalesce(city_id, 0), coalesce(county_id, 0),
                                                   coalesce(town_id, 0), coalesce(unit_id, 0));

-- A session is one signed-in device. Its refresh tokens form a chain: each use replaces the token, and a
-- token used twice means it was stolen, which revokes the whole session.
create table app_session (
    id            uuid        primary key,
    user_id       bigint      not null references app_user on delete cascade,
    device_name   text        not null check (length(device_name) between 1 and 100),
    client_address text,
    created_at    timestamptz not null default now(),
    last_used_at  timestamptz not null default now(),
    expires_at    timestamptz not null,
    revoked_at    timestamptz,
    revoked_why   text check (revoked_why in ('LOGOUT', 'REVOKED', 'REVOKED_BY_ADMIN', 'REFRESH_TOKEN_REUSED',
                                              'PASSWORD_RESET'))
);
create index app_session_user_idx on app_session (user_id);

create table refresh_token (
    -- SHA-256 of the token; the token itself is only ever on the device
    token_hash  bytea       primary key check (length(token_hash) = 32),
    session_id  uuid        not null references app_session on delete cascade,
    issued_at   timestamptz not null default now(),
    used_at     timestamptz
);
create index refresh_token_session_idx on refresh_token (session_id);
-- at most one live token per session
create unique index refresh_token_one_live on refresh_token (session_id) where used_at is null;
