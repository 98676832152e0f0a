-- Spreadsheet imports (issue 18): a city moves in, and officers keep bulk records current, from the spreadsheets they
-- already have. An upload is checked first (every row, nothing stored), then the very file that was checked is
-- committed in one transaction or not at all. Each import is a record of its own: who, when, which kind, the file's
-- SHA-256, the counts and the outcome; each problem and each difference found is kept with the sheet, row and column
-- it is about. The records an import changes write their history like any other change (record_history, V19), under
-- the import's id as change id.

create table data_import (
    id              uuid        primary key,
    -- the kind of records the file holds, e.g. HOUSEHOLDS (imports.ImportKind)
    kind            text        not null check (kind ~ '^[A-Z_]{1,40}$'),
    file_name       text        not null check (length(file_name) between 1 and 255),
    file_format     text        not null check (file_format in ('XLSX', 'CSV')),
    sha256          text        not null check (sha256 ~ '^[0-9a-f]{64}$'),
    size_bytes      bigint      not null check (size_bytes >= 0),
    user_id         bigint      not null references app_user,
    status          text        not null check (status in ('CHECKING', 'CHECKED', 'REJECTED', 'COMMITTING',
                                                           'COMMITTED', 'FAILED', 'CANCELLED')),
    rows_read       integer     not null default 0 check (rows_read >= 0),
    problems        integer     not null default 0 check (problems >= 0),
    -- what the check found the file would do, and what the commit did
    to_create       integer     check (to_create >= 0),
    to_change       integer     check (to_change >= 0),
    unchanged       integer     check (unchanged >= 0),
    created         integer     check (created >= 0),
    changed         integer     check (changed >= 0),
    -- a digest of the differences the check found: a commit that finds others refuses (the records moved since)
    plan_digest     text,
    -- why the import failed or was refused as a whole, as a message key of i18n/imports and its arguments
    message_key     text,
    message_args    text[]      not null default '{}',
    received_at     timestamptz not null default now(),
    checked_at      timestamptz,
    committed_at    timestamptz,
    finished_at     timestamptz
);
create index data_import_user_idx on data_import (user_id, received_at desc);

-- A problem of the file (refusing it), a notice (a column ignored), or a record it creates or changes, by sheet, row (as the spreadsheet numbers it) and column.
create table data_import_finding (
    import_id     uuid    not null references data_import,
    seq           integer not null check (seq >= 0),
    kind          text    not null check (kind in ('PROBLEM', 'NOTICE', 'CREATE', 'CHANGE')),
    sheet         text,
    row_number    integer check (row_number >= 1),
    column_name   text,
    message_key   text    not null,
    message_args  text[]  not null default '{}',
    primary key (import_id, seq)
);

-- An uploader sees their own imports; administrators see all. Nothing of an import is removed.
alter table data_import enable row level security;
create policy data_import_own on data_import to bangfu_app
    using (bangfu_scope_all() or user_id = nullif(current_setting('bangfu.user', true), '')::bigint)
    with check (user_id = nullif(current_setting('bangfu.user', true), '')::bigint);
alter table data_import_finding enable row level security;
create policy data_import_finding_own on data_import_finding to bangfu_app
    using (import_id in (select id from data_import))
    with check (import_id in (select id from data_import));
grant select, insert, update on data_import to bangfu_app;
-- a new check of the same import replaces its findings
grant select, insert, delete on data_import_finding to bangfu_app;

-- Which of these ID numbers a household or a member already carries anywhere, in scope or not: a file may not give
-- a person known in another county to a household of this one. Answers only which numbers are taken, nothing else.
create function bangfu_id_numbers_taken(ids text[]) returns setof text
    language sql stable security definer set search_path = public
as $$
    select head_id_number from household where head_id_number = any(ids)
    union
    select id_number from household_member where id_number = any(ids)
$$;
revoke all on function bangfu_id_numbers_taken(text[]) from public;
grant execute on function bangfu_id_numbers_taken(text[]) to bangfu_app;
