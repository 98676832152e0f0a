-- The audit trail: every mutation and every read of unmasked personal data leaves a row here. The service's
-- role may add rows and read them, never change or remove them.

create table audit_event (
    id              bigint      generated always as identity primary key,
    occurred_at     timestamptz not null default now(),
    kind            text        not null check (kind in ('MUTATION', 'PERSONAL_READ')),
    -- the GraphQL operation's name, or its root fields when it has none
    operation       text        not null check (length(operation) between 1 and 200),
    user_id         bigint      references app_user,
    username        text,
    roles           text[]      not null default '{}',
    session_id      uuid,
    device_name     text,
    client_address  text,
    -- global ids of what was changed or read
    target_ids      text[]      not null default '{}'
);
create index audit_event_time_idx on audit_event (occurred_at desc, id desc);
create index audit_event_user_idx on audit_event (user_id, occurred_at desc);

grant select, insert on audit_event to bangfu_app;
grant usage on sequence audit_event_id_seq to bangfu_app;
