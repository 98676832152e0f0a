-- Visits written from phones: when the device recorded the visit and where, when the server received it, the
-- device's clock skew, the distance to the village centre and the review flags the server derived. The
-- content hash tells a resend (same id, same content) from a conflict (same id, other content).

alter table visit
    add column recorded_at        timestamptz,
    add column received_at        timestamptz,
    add column clock_skew_seconds integer,
    add column latitude           numeric(9, 6) check (latitude between -90 and 90),
    add column longitude          numeric(9, 6) check (longitude between -180 and 180),
    add column accuracy_m         numeric(8, 1) check (accuracy_m >= 0),
    add column location_provider  text check (location_provider in ('GPS', 'NETWORK', 'FUSED', 'OTHER')),
    add column location_mocked    boolean,
    add column distance_m         integer check (distance_m >= 0),
    add column review_flags       text[] not null default '{}'
        check (review_flags <@ array['FAR_FROM_VILLAGE', 'FUTURE_TIME', 'LONG_AGO', 'MOCKED_LOCATION']),
    add column content_hash       bytea check (length(content_hash) = 32),
    add check ((latitude is null) = (longitude is null));

create index visit_received_idx on visit (received_at) where received_at is not null;
