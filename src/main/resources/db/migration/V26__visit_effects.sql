-- Collect once (issue 20): what a cadre finds on a visit flows into the records by rule, and each such effect is on
-- record beside the visit — visible on it, in the household's history, and reversible by an officer — so nobody types
-- the same finding again as a case step or a household update.
--
-- The rules (monitoring.VisitFindings) run once, when a visit is first stored: a resend or a correction sets nothing
-- off. One row per effect; (visit, kind) is unique, so a rule that ran cannot run again for the same visit.
create table visit_effect (
    id              bigint      generated always as identity primary key,
    -- the visit as first logged (the first version's id: corrections keep its effects)
    visit_id        uuid        not null references visit_key (id),
    household_id    bigint      not null,
    -- the household's village, for jurisdiction and history; follows a household that moves
    village_id      bigint      not null,
    kind            text        not null check (kind in ('CASE_RISKS_ADDED', 'CASE_OPENED', 'INCOME_FALL_NOTED',
                                                         'MEASURE_STARTED')),
    -- the risks the effect added to the case and the household, or the case opened with
    risk_types      text[]      not null default '{}' check (risk_types <@ array['ILLNESS', 'DISABILITY',
                                    'SCHOOLING_COSTS', 'DISASTER', 'ACCIDENT', 'UNSTABLE_EMPLOYMENT', 'LACK_OF_LABOUR',
                                    'HOUSING_SAFETY', 'DRINKING_WATER', 'OTHER']),
    case_id         bigint      references monitoring_case,
    measure_id      bigint      references assistance_measure on delete cascade,
    applied_at      timestamptz not null default now(),
    -- an officer's reversal: who, when and why; the row stays
    reversed_at     timestamptz,
    reversed_by     bigint      references app_user,
    reverse_reason  text        check (length(reverse_reason) between 2 and 1000),
    unique (visit_id, kind),
    foreign key (household_id, village_id) references household (id, village_id) on update cascade on delete cascade,
    check ((reversed_at is null) = (reversed_by is null) and (reversed_at is null) = (reverse_reason is null)),
    check ((kind = 'MEASURE_STARTED') = (measure_id is not null)),
    check (kind not in ('CASE_RISKS_ADDED', 'CASE_OPENED', 'INCOME_FALL_NOTED') or case_id is not null)
);
create index visit_effect_household_idx on visit_effect (household_id, id);
create index visit_effect_case_idx on visit_effect (case_id) where case_id is not null;
create index visit_effect_open_idx on visit_effect (village_id, id) where reversed_at is null;

alter table visit_effect enable row level security;
create policy visit_effect_in_scope on visit_effect to bangfu_app
    using (bangfu_scope_all() or village_id in (select bangfu_scope_villages()))
    with check (bangfu_scope_all() or village_id in (select bangfu_scope_villages()));
-- an effect is never removed by the service: reversing it is a change of its own
grant select, insert on visit_effect to bangfu_app;
grant update (reversed_at, reversed_by, reverse_reason) on visit_effect to bangfu_app;

create trigger visit_effect_history after insert or update or delete on visit_effect
    for each row execute function record_history('HOUSEHOLD', 'household_id');

-- The six-month rule of eliminating a risk reads the visits that found the income falling: one whose noted fall an
-- officer reversed (a mistaken entry) no longer holds the household back.
create index visit_effect_income_fall_idx on visit_effect (visit_id) where kind = 'INCOME_FALL_NOTED'
    and reversed_at is not null;
