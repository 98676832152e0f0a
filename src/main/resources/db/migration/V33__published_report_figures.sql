-- The figures a city's annual report published (公开发布的数字), as printed: the report is a document the programme
-- answers for, and its figures are compared with what the records give and with each other (issue 22). One row per
-- city, year and figure; recording a figure again replaces it and moves its version.
create table published_figure (
    id           bigint        generated always as identity primary key,
    city_id      bigint        not null references city,
    year         int           not null check (year between 2000 and 2100),
    -- a ReportFigure code, e.g. KEY_COUNTY_LINKAGE_FUNDS_SHARE
    figure       text          not null check (figure ~ '^[A-Z][A-Z0-9_]{0,79}$'),
    -- in the figure's unit: yuan, households, people…, a share from 0 to 1
    value        numeric(24, 6) not null check (value >= 0),
    -- the step the report rounded to: 15.42亿元 is rounded to 1,000,000 yuan, 72 % to 0.01
    rounded_to   numeric(24, 6) not null check (rounded_to > 0),
    -- the report's own words for it, e.g. 15.42亿元
    wording      text          not null check (length(wording) between 1 and 200),
    -- null for figures loaded with a data set
    recorded_by  bigint        references app_user,
    recorded_at  timestamptz   not null default now(),
    version      int           not null default 1 check (version >= 1),
    unique (city_id, year, figure)
);

-- A published report is public: every signed-in user may read it; the service lets only city leaders and admins
-- record it.
grant select, insert, update on published_figure to bangfu_app;
