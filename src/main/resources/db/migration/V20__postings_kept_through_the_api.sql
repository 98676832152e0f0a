-- Cadres and their postings kept through the API (issue 17). The database holds the rules of postings whoever
-- writes them: a village has one first secretary on any day, and a cadre is posted to one village at a time. Both
-- are exclusions over the posting's days (its first day to its last, or on without end while it runs).

alter table cadre add column version integer not null default 1 check (version >= 1);

alter table posting
    add column version integer not null default 1 check (version >= 1),
    -- on rotation (轮换): the posting the successor took over, and what was handed over (交接)
    add column succeeds_posting_id bigint references posting,
    add column handover_note text check (length(handover_note) <= 2000),
    -- why a posting ended before a successor took it over (recalled, term over ...)
    add column end_reason text check (length(end_reason) <= 1000),
    add constraint posting_handover_with_successor check (handover_note is null or succeeds_posting_id is not null);

alter table posting add constraint posting_one_first_secretary_a_day
    exclude using gist (village_id with =, daterange(started_on, ended_on, '[]') with &&)
    where (role = 'FIRST_SECRETARY');

alter table posting add constraint posting_one_village_at_a_time
    exclude using gist (cadre_id with =, daterange(started_on, ended_on, '[]') with &&);

-- the exclusion above says more than this index did (one open posting per cadre)
drop index posting_one_open_per_cadre;
