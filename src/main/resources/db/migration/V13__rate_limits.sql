-- Rate limits (Bucket4j token buckets): one row per limited key, such as a user's GraphQL points or the failed
-- sign-ins of an account or an address. The state is Bucket4j's own serialized form; rows whose bucket would be
-- full again by now are no longer needed and are removed by the service (expires_at, epoch milliseconds).
-- Kept in the database so that every instance of the service counts against the same buckets.

create table rate_limit_bucket (
    id         text   primary key,
    state      bytea,
    expires_at bigint
);
create index rate_limit_bucket_expires_idx on rate_limit_bucket (expires_at);

comment on table rate_limit_bucket is 'Token buckets of the rate limits (Bucket4j); not business data, safe to empty';
