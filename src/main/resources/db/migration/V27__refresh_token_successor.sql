-- A phone whose refresh answer was lost on a bad link sends the same refresh again. Within a short grace after a
-- token was spent (security.SessionService, bangfu.security.refresh-retry-grace), such a retry gets new tokens for
-- the same session as long as the token the first refresh handed out has not been used; that token is then spent
-- unused, so it can never be used again. To know which token that is, a spent token names the one it was traded
-- for. Tokens spent before this migration name none, so a retry of one is reuse, as before.
alter table refresh_token add column replaced_by bytea references refresh_token (token_hash) on delete set null;
