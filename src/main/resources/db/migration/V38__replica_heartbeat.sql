-- How fresh a read replica is (issue 23). Leaders' figures may be read on a streaming replica, and their asOf must say
-- truthfully which records they count. A replica alone cannot tell: the time of the last transaction it replayed stays
-- put while the programme is quiet, however current the replica is, and only a privileged login may read the WAL
-- receiver's state. So while a replica is configured, every service instance writes the time here on the primary
-- once a second (database.ReplicaHeartbeat); a replica that shows a beat has replayed every record committed before it.
-- One row; nothing in it belongs to anyone, so it has no row-level security.
create table replica_heartbeat (
    only_row boolean primary key default true check (only_row),
    beat_at  timestamptz not null
);
insert into replica_heartbeat (beat_at) values (now());
grant select, update on replica_heartbeat to bangfu_app;
