-- Views made on the dashboard's page, and the ones every installation comes with.
--
-- * How a view is drawn (chart) and, for a view made with the view builder, what it was made from (figure and
--   measures): the page opens it again in the builder from these, and the service checks that the document is
--   the one the figure's catalog entry gives for them.
-- * Built-in views (built_in_key) belong to no account: the service writes them at start from its own list,
--   shared by role, and no one may change or delete them.

alter table saved_view
    alter column owner_id drop not null,
    add column chart        text not null default 'BAR' check (chart in ('BAR', 'LINE', 'PIE', 'TABLE', 'MAP')),
    add column figure       text,
    add column measures     text[] not null default '{}',
    add column built_in_key text unique,
    add constraint saved_view_owned_or_built_in check ((owner_id is null) = (built_in_key is not null)),
    add constraint saved_view_measures_of_a_figure check (figure is not null or cardinality(measures) = 0);
