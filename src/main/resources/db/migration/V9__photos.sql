-- Photos from phones: uploaded out of band in resumable chunks, stored by content (SHA-256) on disk behind
-- photo.PhotoStore, and referred to by visits by that hash. A visit may name a photo before the photo arrives:
-- the phone sends what it has, and a visit is never held back for its pictures.

create table photo (
    sha256        bytea       primary key check (length(sha256) = 32),
    content_type  text        not null check (content_type in ('image/jpeg', 'image/png', 'image/webp')),
    size_bytes    integer     not null check (size_bytes > 0),
    uploaded_by   bigint      not null references app_user,
    stored_at     timestamptz not null default now()
);

-- an upload slot: one per user and photo, so that asking again resumes rather than starts over; the bytes
-- received so far are the partial file's, which outlives a request cut mid-body
create table photo_upload (
    id            uuid        primary key,
    user_id       bigint      not null references app_user,
    sha256        bytea       not null check (length(sha256) = 32),
    size_bytes    integer     not null check (size_bytes > 0),
    content_type  text        not null check (content_type in ('image/jpeg', 'image/png', 'image/webp')),
    created_at    timestamptz not null default now(),
    completed_at  timestamptz,
    unique (user_id, sha256)
);

-- the photos a visit refers to, as lower-case hex SHA-256 (visits are append-only: a correction names its own)
alter table visit add column photo_sha256s text[] not null default '{}'
    check (cardinality(photo_sha256s) <= 20);
create index visit_photo_idx on visit using gin (photo_sha256s);

grant select, insert on photo to bangfu_app;
grant select, insert, update, delete on photo_upload to bangfu_app;
