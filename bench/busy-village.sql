-- The phone read's village, made busy: a busy village has 50 monitored households (issue 23), where the demo data
-- set's villages have at most about 20 (the demo first secretary's has 6). bench/run.sh runs this as the owner on
-- the bench's own database after the demo load, before any measurement: it brings the village that the demo first
-- secretary is posted to today up to 50 monitored households by copying monitored households of other villages under
-- new keys, each with its members, incomes, measures, open monitoring case and current visits, so that the page reads
-- rows of the demo data's own shape. It stays the demo secretary's village (rather than another secretary's) because
-- every scenario signs in as that secretary; left out of the copies: case history, warnings, tasks and the like,
-- which the village page does not read. Run again, it adds nothing. Its last line prints the village's code.
\set ON_ERROR_STOP on
begin;

create temporary table busy_village on commit drop as
select u.cadre_id, p.village_id, 50 - (select count(*) from household h
                                        where h.village_id = p.village_id and h.status = 'MONITORING') as missing
from app_user u
join posting p on p.cadre_id = u.cadre_id
where u.username = 'demo-secretary'
  and p.started_on <= current_date and (p.ended_on is null or p.ended_on >= current_date);

-- donors: the monitored households of other villages, oldest first, paired with the keys of their copies
create temporary table busy_donor on commit drop as
select h.id as donor, nextval(pg_get_serial_sequence('household', 'id')) as copy
from household h, busy_village b
where h.village_id <> b.village_id and h.status = 'MONITORING'
order by h.id
limit greatest((select missing from busy_village), 0);

-- ID numbers must be unique and well formed: '99' for heads, '98' for other members, then the source row's key
insert into household (id, village_id, head_name, head_id_number, head_phone, category, risk_types, identified_on,
                       responsible_cadre_id, status, risk_eliminated_on, member_count)
overriding system value
select d.copy, b.village_id, h.head_name, '99' || lpad(h.id::text, 15, '0') || '9', h.head_phone, h.category,
       h.risk_types, h.identified_on, b.cadre_id, h.status, h.risk_eliminated_on, 0
from busy_donor d join household h on h.id = d.donor, busy_village b;

insert into household_member (household_id, village_id, name, relation, gender, birth_date, id_number, status, left_on)
select d.copy, b.village_id, m.name, m.relation, m.gender, m.birth_date,
       case when m.id_number = h.head_id_number then '99' || lpad(h.id::text, 15, '0') || '9'
            when m.id_number is not null then '98' || lpad(m.id::text, 15, '0') || '9' end,
       m.status, m.left_on
from busy_donor d join household h on h.id = d.donor join household_member m on m.household_id = d.donor, busy_village b;

insert into household_income (household_id, village_id, year, per_capita_income_fen, wages_fen, business_fen,
                              transfer_fen, property_fen, people)
select d.copy, b.village_id, i.year, i.per_capita_income_fen, i.wages_fen, i.business_fen, i.transfer_fen,
       i.property_fen, i.people
from busy_donor d join household_income i on i.household_id = d.donor, busy_village b;

insert into assistance_measure (household_id, village_id, type, description, started_on, ended_on, result, result_on)
select d.copy, b.village_id, m.type, m.description, m.started_on, m.ended_on, m.result, m.result_on
from busy_donor d join assistance_measure m on m.household_id = d.donor, busy_village b;

insert into monitoring_case (household_id, village_id, state, source, risk_types, identified_on, included_on,
                             eliminated_on, superseded_on, category, state_since)
select d.copy, b.village_id, c.state, c.source, c.risk_types, c.identified_on, c.included_on, c.eliminated_on,
       c.superseded_on, c.category, c.state_since
from busy_donor d join monitoring_case c on c.household_id = d.donor, busy_village b
where c.state not in ('RISK_ELIMINATED', 'DISMISSED');

-- each current visit becomes a chain of one version of its own, made by the village's secretary
create temporary table busy_visit on commit drop as
select gen_random_uuid() as copy, d.copy as household, v.*
from busy_donor d join visit v on v.household_id = d.donor
where v.replaced_by is null;

insert into visit_key (id, occurred_at, chain_id, version)
select copy, occurred_at, copy, 1 from busy_visit;

insert into visit (id, chain_id, version, cadre_id, village_id, household_id, kind, occurred_at, notes,
                   schooling_secure, medical_care_secure, housing_safe, drinking_water_safe, income_change,
                   new_risk_types, recorded_at, received_at, clock_skew_seconds, latitude, longitude, accuracy_m,
                   location_provider, location_mocked, distance_m, review_flags, content_hash, photo_sha256s)
select v.copy, v.copy, 1, b.cadre_id, b.village_id, v.household, v.kind, v.occurred_at, v.notes, v.schooling_secure,
       v.medical_care_secure, v.housing_safe, v.drinking_water_safe, v.income_change, v.new_risk_types,
       v.recorded_at, v.received_at, v.clock_skew_seconds, v.latitude, v.longitude, v.accuracy_m,
       v.location_provider, v.location_mocked, v.distance_m, v.review_flags, v.content_hash, v.photo_sha256s
from busy_visit v, busy_village b;

select (select count(*) from busy_donor) as copied,
       (select count(*) from household h, busy_village b where h.village_id = b.village_id and h.status = 'MONITORING') as monitored,
       (select code from village v, busy_village b where v.id = b.village_id) as code;
commit;
