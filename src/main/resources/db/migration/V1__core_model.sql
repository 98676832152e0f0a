-- The core model of the programme: areas, assistance units, resident cadres, leaders' liaisons,
-- projects with their funds, monitored households and visits.
-- Codes and kinds are text with CHECK constraints rather than PostgreSQL enums: adding a value is then a
-- one-line migration that does not lock readers, and the API's enums stay the single list people read.

-- Areas ------------------------------------------------------------------------------------------------

create table city (
    id   bigint generated always as identity primary key,
    code text not null unique check (code ~ '^[0-9]{4}$'),
    name text not null check (length(trim(name)) > 0)
);

create table county (
    id               bigint generated always as identity primary key,
    city_id          bigint not null references city,
    code             text   not null unique check (code ~ '^[0-9]{6}$'),
    name             text   not null check (length(trim(name)) > 0),
    kind             text   not null check (kind in ('DISTRICT', 'COUNTY', 'COUNTY_LEVEL_CITY')),
    key_designation  text   check (key_designation in ('NATIONAL', 'PROVINCIAL')),
    unique (id, city_id)
);
create index county_city_idx on county (city_id);

create table town (
    id               bigint generated always as identity primary key,
    county_id        bigint not null references county,
    code             text   not null unique check (code ~ '^[0-9]{9}$'),
    name             text   not null check (length(trim(name)) > 0),
    kind             text   not null check (kind in ('TOWN', 'TOWNSHIP', 'SUBDISTRICT')),
    key_designation  text   check (key_designation in ('NATIONAL', 'PROVINCIAL')),
    -- lets children name (town, county) together so the database refuses a town from another county
    unique (id, county_id)
);
create index town_county_idx on town (county_id, code);

create table village (
    id               bigint generated always as identity primary key,
    town_id          bigint        not null references town,
    code             text          not null unique check (code ~ '^[0-9]{12}$'),
    name             text          not null check (length(trim(name)) > 0),
    kind             text          not null check (kind in ('VILLAGE', 'COMMUNITY')),
    key_designation  text          check (key_designation in ('NATIONAL', 'PROVINCIAL')),
    -- the village committee's seat, in WGS 84 degrees; used later to judge where a visit was logged
    latitude         numeric(9, 6) not null check (latitude between -90 and 90),
    longitude        numeric(9, 6) not null check (longitude between -180 and 180),
    unique (id, town_id)
);
create index village_town_idx on village (town_id, code);

-- Assistance units and their pairings with villages ---------------------------------------------------

create table assistance_unit (
    id         bigint generated always as identity primary key,
    name       text   not null unique check (length(trim(name)) > 0),
    level      text   not null check (level in ('CENTRAL', 'PROVINCIAL', 'MUNICIPAL', 'COUNTY')),
    kind       text   not null check (kind in ('GOVERNMENT_DEPARTMENT', 'STATE_ENTERPRISE', 'PRIVATE_ENTERPRISE',
                                               'UNIVERSITY', 'HOSPITAL', 'OTHER')),
    -- the county a county-level unit belongs to; units above county level have none
    county_id  bigint references county,
    check ((level = 'COUNTY') = (county_id is not null))
);
create index assistance_unit_level_idx on assistance_unit (level, id);

create table unit_pairing (
    id          bigint generated always as identity primary key,
    unit_id     bigint not null references assistance_unit,
    village_id  bigint not null references village,
    started_on  date   not null,
    ended_on    date,
    check (ended_on is null or ended_on >= started_on)
);
create index unit_pairing_unit_idx on unit_pairing (unit_id);
create index unit_pairing_village_idx on unit_pairing (village_id);

-- Resident cadres and their postings ------------------------------------------------------------------

create table cadre (
    id                    bigint generated always as identity primary key,
    name                  text   not null check (length(trim(name)) > 0),
    gender                text   not null check (gender in ('FEMALE', 'MALE')),
    phone                 text   check (phone ~ '^[0-9]{11}$'),
    dispatching_unit_id   bigint not null references assistance_unit
);
create index cadre_unit_idx on cadre (dispatching_unit_id, id);

create table posting (
    id          bigint generated always as identity primary key,
    cadre_id    bigint not null references cadre,
    village_id  bigint not null references village,
    role        text   not null check (role in ('FIRST_SECRETARY', 'TEAM_LEADER', 'TEAM_MEMBER')),
    started_on  date   not null,
    -- the last day in post; null while the posting runs
    ended_on    date,
    check (ended_on is null or ended_on >= started_on)
);
create index posting_cadre_idx on posting (cadre_id, started_on);
create index posting_village_idx on posting (village_id, started_on);
-- a cadre lives in one village at a time: at most one open posting each
create unique index posting_one_open_per_cadre on posting (cadre_id) where ended_on is null;

-- Leaders' liaison: city leaders each take on a county and a key village -------------------------------

create table leader (
    id     bigint generated always as identity primary key,
    name   text not null check (length(trim(name)) > 0),
    title  text not null check (length(trim(title)) > 0)
);

create table leader_liaison (
    id          bigint generated always as identity primary key,
    leader_id   bigint not null references leader,
    county_id   bigint not null references county,
    village_id  bigint references village,
    started_on  date   not null,
    ended_on    date,
    check (ended_on is null or ended_on >= started_on)
);
create index leader_liaison_county_idx on leader_liaison (county_id);
create index leader_liaison_leader_idx on leader_liaison (leader_id);

-- Projects and their funds ----------------------------------------------------------------------------

create table project (
    id                      bigint generated always as identity primary key,
    name                    text     not null check (length(trim(name)) > 0),
    category                text     not null check (category in ('INDUSTRY', 'EMPLOYMENT', 'INFRASTRUCTURE',
                                                        'PUBLIC_SERVICE', 'HOUSING', 'EDUCATION', 'HEALTH', 'OTHER')),
    industry                text     check (industry in ('TEA', 'KONJAC', 'PIGS', 'ECO_FISHERY', 'HERBAL_MEDICINE',
                                                         'COMMUNITY_FACTORY', 'OTHER')),
    year                    smallint not null check (year between 2000 and 2100),
    status                  text     not null check (status in ('PIPELINE', 'APPROVED', 'IN_PROGRESS', 'COMPLETED',
                                                                'ASSETS_HANDED_OVER')),
    county_id               bigint   not null references county,
    town_id                 bigint,
    village_id              bigint,
    implementing_unit_id    bigint   references assistance_unit,
    beneficiary_households  integer  check (beneficiary_households >= 0),
    beneficiary_people      integer  check (beneficiary_people >= 0),
    -- a project sits in a county, optionally narrowed to a town and a village of that county and town
    foreign key (town_id, county_id) references town (id, county_id),
    foreign key (village_id, town_id) references village (id, town_id),
    check (village_id is null or town_id is not null)
);
create index project_county_idx on project (county_id, id);
create index project_village_idx on project (village_id, id);
create index project_unit_idx on project (implementing_unit_id, id);
create index project_year_idx on project (year, id);

-- Money is kept in fen (1/100 yuan) as bigint: exact, and summed by PostgreSQL without rounding.
create table fund_allocation (
    project_id   bigint not null references project on delete cascade,
    source       text   not null check (source in ('CENTRAL_LINKAGE', 'PROVINCIAL_LINKAGE', 'MUNICIPAL_LINKAGE',
                                                   'COUNTY_LINKAGE', 'EAST_WEST_COLLABORATION',
                                                   'DESIGNATED_ASSISTANCE', 'SOCIAL')),
    planned_fen  bigint not null check (planned_fen >= 0),
    spent_fen    bigint not null default 0 check (spent_fen >= 0),
    primary key (project_id, source)
);
create index fund_allocation_source_idx on fund_allocation (source, project_id);

-- Monitored households ---------------------------------------------------------------------------------

create table household (
    id                   bigint generated always as identity primary key,
    village_id           bigint   not null references village,
    head_name            text     not null check (length(trim(head_name)) > 0),
    head_id_number       text     not null unique check (head_id_number ~ '^[0-9]{17}[0-9X]$'),
    head_phone           text     check (head_phone ~ '^[0-9]{11}$'),
    category             text     not null check (category in ('UNSTABLE_OUT_OF_POVERTY', 'MARGINAL_AT_RISK',
                                                               'SUDDEN_SEVERE_HARDSHIP')),
    risk_types           text[]   not null default '{}' check (risk_types <@ array['ILLNESS', 'DISABILITY',
                                    'SCHOOLING_COSTS', 'DISASTER', 'ACCIDENT', 'UNSTABLE_EMPLOYMENT',
                                    'LACK_OF_LABOUR', 'HOUSING_SAFETY', 'DRINKING_WATER', 'OTHER']),
    identified_on        date     not null,
    responsible_cadre_id bigint   references cadre,
    status               text     not null check (status in ('MONITORING', 'RISK_ELIMINATED')),
    risk_eliminated_on   date,
    check ((status = 'RISK_ELIMINATED') = (risk_eliminated_on is not null)),
    check (risk_eliminated_on is null or risk_eliminated_on >= identified_on),
    unique (id, village_id)
);
create index household_village_idx on household (village_id, id);
create index household_cadre_idx on household (responsible_cadre_id);
create index household_risk_types_idx on household using gin (risk_types);

create table household_member (
    id            bigint generated always as identity primary key,
    household_id  bigint not null references household on delete cascade,
    name          text   not null check (length(trim(name)) > 0),
    relation      text   not null check (relation in ('HEAD', 'SPOUSE', 'CHILD', 'PARENT', 'GRANDCHILD', 'SIBLING',
                                                      'OTHER')),
    gender        text   not null check (gender in ('FEMALE', 'MALE')),
    birth_date    date   not null,
    id_number     text   unique check (id_number ~ '^[0-9]{17}[0-9X]$')
);
create index household_member_household_idx on household_member (household_id, id);
-- exactly one head per household
create unique index household_member_one_head on household_member (household_id) where relation = 'HEAD';

create table household_income (
    household_id          bigint   not null references household on delete cascade,
    year                  smallint not null check (year between 2000 and 2100),
    per_capita_income_fen bigint   not null check (per_capita_income_fen >= 0),
    primary key (household_id, year)
);

create table assistance_measure (
    id            bigint generated always as identity primary key,
    household_id  bigint not null references household on delete cascade,
    type          text   not null check (type in ('INDUSTRY', 'EMPLOYMENT', 'HEALTH', 'EDUCATION', 'SOCIAL_SECURITY',
                                                  'MICROCREDIT', 'PUBLIC_WELFARE_JOB', 'HOUSING', 'DRINKING_WATER',
                                                  'OTHER')),
    description   text   not null check (length(trim(description)) > 0),
    started_on    date   not null,
    ended_on      date,
    check (ended_on is null or ended_on >= started_on)
);
create index assistance_measure_household_idx on assistance_measure (household_id, started_on, id);

-- Visits -----------------------------------------------------------------------------------------------

create table visit (
    -- generated by the phone before the visit is ever sent, so a resend can be recognised
    id                        uuid        primary key,
    cadre_id                  bigint      not null references cadre,
    village_id                bigint      not null references village,
    household_id              bigint      references household,
    kind                      text        not null check (kind in ('HOUSEHOLD_VISIT', 'VILLAGE_MEETING',
                                                                   'PROJECT_INSPECTION', 'OTHER')),
    occurred_at               timestamptz not null,
    notes                     text        not null default '',
    -- findings: null means "not checked on this visit", which differs from false ("checked, not secure")
    schooling_secure          boolean,
    medical_care_secure       boolean,
    housing_safe              boolean,
    drinking_water_safe       boolean,
    income_change             text        check (income_change in ('ROSE', 'STABLE', 'FELL')),
    new_risk_types            text[]      not null default '{}' check (new_risk_types <@ array['ILLNESS', 'DISABILITY',
                                            'SCHOOLING_COSTS', 'DISASTER', 'ACCIDENT', 'UNSTABLE_EMPLOYMENT',
                                            'LACK_OF_LABOUR', 'HOUSING_SAFETY', 'DRINKING_WATER', 'OTHER']),
    check (household_id is not null or kind <> 'HOUSEHOLD_VISIT'),
    -- a household visit happens in the household's own village
    foreign key (household_id, village_id) references household (id, village_id)
);
create index visit_household_idx on visit (household_id, occurred_at desc, id desc);
create index visit_cadre_idx on visit (cadre_id, occurred_at desc, id desc);
create index visit_village_idx on visit (village_id, occurred_at desc, id desc);
create index visit_occurred_idx on visit (occurred_at desc, id desc);
