-- Village construction (乡村建设行动): roads, water, sanitation and public spaces in villages, carried out as projects of
-- a category of their own, so that the report's "实施乡村建设项目2596个" is counted from the records. Most of their
-- money comes from sector departments (transport, water, housing), not from the linkage funds: it gets a source of
-- its own, so that the linkage totals keep counting linkage money only.
alter table project drop constraint project_category_check;
alter table project add constraint project_category_check
    check (category in ('INDUSTRY', 'EMPLOYMENT', 'INFRASTRUCTURE', 'PUBLIC_SERVICE', 'HOUSING', 'EDUCATION', 'HEALTH',
                        'VILLAGE_CONSTRUCTION', 'OTHER'));

alter table fund_allocation drop constraint fund_allocation_source_check;
alter table fund_allocation add constraint fund_allocation_source_check
    check (source in ('CENTRAL_LINKAGE', 'PROVINCIAL_LINKAGE', 'MUNICIPAL_LINKAGE', 'COUNTY_LINKAGE',
                      'EAST_WEST_COLLABORATION', 'DESIGNATED_ASSISTANCE', 'SOCIAL', 'SECTOR_DEPARTMENTS'));
