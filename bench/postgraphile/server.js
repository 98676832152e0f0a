// PostGraphile 4, the bench's peer: the bench's database served as GraphQL under the demo first secretary's scope.
// bench/run.sh starts it as: node server.js  with
//   BENCH_PEER_DATABASE  a connection string for the login bench_peer (see setup.sql)
//   BENCH_PEER_SETTINGS  the secretary's settings as JSON (scope.sql): the role and the bangfu.scope_* values
//   BENCH_PEER_PORT      the port to listen on
// Every request runs in a transaction that first sets these (SET LOCAL, as the service's ScopedTransactionManager
// does), so the peer reads through the same row-level security policies with the same scope as the service.
'use strict';

const http = require('http');
const { Pool } = require('pg');
const { postgraphile } = require('postgraphile');

const settings = JSON.parse(process.env.BENCH_PEER_SETTINGS);
// "today" is a date in the programme's time zone, as the service's clock has it (bangfu.time-zone)
const today = new Intl.DateTimeFormat('en-CA', { timeZone: process.env.BENCH_PEER_TIME_ZONE || 'Asia/Shanghai' });

// the service's own connection options (application.properties), and its pool's size (Hikari's default, 10)
const pool = new Pool({
  connectionString: process.env.BENCH_PEER_DATABASE,
  max: 10,
  options: '-c statement_timeout=30000 -c jit=off -c work_mem=32MB',
});
// an idle connection closed by the server (the bench does so to log a page's statements) is dropped and made anew
pool.on('error', (error) => console.error(`An idle connection failed: ${error.message}`));

const handler = postgraphile(pool, 'public', {
  pgSettings: () => ({ ...settings, 'bangfu.scope_today': today.format(new Date()) }),
  // reads only: the page's tables, without the mutations and the watch a development set-up would have
  disableDefaultMutations: true,
  watchPg: false,
  graphiql: false,
  // one log line per request would cost the single Node thread as much as a good part of the request
  disableQueryLog: true,
  retryOnInitFail: false,
  setofFunctionsContainNulls: false,
  // as PostGraphile advises: only what bench_peer's roles may use (bangfu_app's tables, not visit's partitions)
  ignoreRBAC: false,
});

http.createServer(handler).listen(Number(process.env.BENCH_PEER_PORT), '127.0.0.1', () => {
  console.log(`PostGraphile listening on ${process.env.BENCH_PEER_PORT}`);
});
