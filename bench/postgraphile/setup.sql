-- What PostGraphile 4, the bench's peer, needs on the bench's database (bench/run.sh runs this as the owner there
-- only; never a migration).
--
-- bench_peer logs in, and with noinherit holds none of bangfu_app's rights until a transaction takes the role: the
-- peer's every request does (set_config('role', 'bangfu_app', true), from its pgSettings) with the demo first
-- secretary's scope, so it reads under the very policies the service's transactions do, and a request without
-- them reads nothing. Its own rights are only those of PUBLIC: enough to connect and read the catalogue for
-- PostGraphile's introspection.
\set ON_ERROR_STOP on
select 'create role bench_peer login noinherit'
where not exists (select from pg_roles where rolname = 'bench_peer') \gexec
select 'grant bangfu_app to bench_peer'
where not pg_has_role('bench_peer', 'bangfu_app', 'member') \gexec

-- PostGraphile 4 does not expose a partitioned table. The view is a window on visit and nothing more: with
-- security_invoker, visit's privileges and its row-level security policy are checked for whoever reads the view
-- (bangfu_app), not for the view's owner, who bypasses them; so granting the view to bangfu_app grants nothing
-- bangfu_app could not already read from visit. The smart comment gives PostGraphile the relation household ->
-- visits that a view cannot declare as a foreign key.
create or replace view peer_visit with (security_invoker = true) as
select id, household_id, village_id, cadre_id, kind, occurred_at, notes, replaced_by
from visit;
comment on view peer_visit is
    E'@foreignKey (household_id) references household (id)|@fieldName household|@foreignFieldName visits';
grant select on peer_visit to bangfu_app;
