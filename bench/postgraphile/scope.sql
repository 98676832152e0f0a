-- The settings the service writes into each transaction of the demo first secretary (as
-- security.jurisdiction.ScopedTransactionManager and security.jurisdiction.Scope do for a user's role grants), as JSON for the peer's
-- pgSettings; bangfu.scope_today is the peer's to set per request, as the service does. plan_cache_mode too is the
-- service's: PostGraphile prepares its one statement per page, and on PostgreSQL's own choice it kept planning it
-- anew (12 ms of planning for 10 ms of reading; the peer served half as many pages).
select json_build_object(
    'role', 'bangfu_app',
    'bangfu.scope_all', (bool_or(g.role in ('ADMIN', 'DEVELOPER')) is true)::text,
    'bangfu.scope_cities', coalesce(string_agg(g.city_id::text, ',' order by g.id) filter (where g.role = 'CITY_LEADER'), ''),
    'bangfu.scope_counties', coalesce(string_agg(g.county_id::text, ',' order by g.id) filter (where g.role = 'COUNTY_OFFICER'), ''),
    'bangfu.scope_towns', coalesce(string_agg(g.town_id::text, ',' order by g.id) filter (where g.role = 'TOWN_OFFICER'), ''),
    'bangfu.scope_cadre', case when bool_or(g.role in ('FIRST_SECRETARY', 'TEAM_MEMBER')) then u.cadre_id::text else '' end,
    'bangfu.scope_units', coalesce(string_agg(g.unit_id::text, ',' order by g.id) filter (where g.role = 'UNIT_MANAGER'), ''),
    'bangfu.user', u.id::text,
    'plan_cache_mode', 'force_generic_plan')
from app_user u
left join role_grant g on g.user_id = u.id
where u.username = 'demo-secretary'
group by u.id, u.cadre_id;
