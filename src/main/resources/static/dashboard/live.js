// Live views for the wall dashboard: Subscription.savedViewUpdates over graphql-transport-ws
// (the graphql-transport-ws protocol of the graphql-ws project), spoken by hand so the page loads
// nothing from elsewhere. Where a WebSocket cannot open (a proxy that refuses upgrades), the view is polled
// with runSavedView every 30 s instead, and the WebSocket tried again every minute.
//
//   const stop = BangfuLive.subscribe(token, viewId, variables, onRun, onState);
//
// token: the access token, or a function returning it (or a promise of it), called before each
//   connection: pass one that refreshes the session, and the view survives the token's 15 minutes.
// onRun(run): { view, data, errors, asOf } each time the figures change (and once at the start).
// onState(state, detail): 'connecting', 'live', 'reconnecting' ({ inMs }), 'polling', 'unauthenticated'
//   (the token was refused or expired; retried with a fresh one when token is a function), 'error'
//   ({ code, message }: the view cannot be run, e.g. NOT_FOUND; nothing more is tried), 'closed'.
// stop(): ends the subscription and closes the connection.
'use strict';

(function () {
  const PROTOCOL = 'graphql-transport-ws';
  const POLL_MS = 30000;
  const RETRY_WEBSOCKET_MS = 60000;
  const ACK_TIMEOUT_MS = 10000;
  const PING_MS = 25000;
  const PONG_TIMEOUT_MS = 10000;
  const MAX_BACKOFF_MS = 30000;
  // the run as the dashboard draws it: the data, and the service's table of it for views written as queries
  const RUN = `view { id name } data errors asOf table { columns { key name type unit unitName dimension }
      rows { cells total keys { dimension value label } } }`;
  const SUBSCRIPTION = `subscription($id: ID!, $variables: JSON) {
      savedViewUpdates(id: $id, variables: $variables) { ${RUN} } }`;
  const QUERY = `query($id: ID!, $variables: JSON) {
      runSavedView(id: $id, variables: $variables) { ${RUN} } }`;
  // errors after which trying again cannot help
  const FINAL_CODES = ['NOT_FOUND', 'INVALID_ID', 'INVALID_ARGUMENT', 'FORBIDDEN', 'GRAPHQL_VALIDATION_FAILED',
    'GRAPHQL_PARSE_FAILED'];

  function endpoint() {
    return (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/graphql-ws';
  }

  function subscribe(token, viewId, variables, onRun, onState) {
    const report = (state, detail) => {
      if (onState) {
        try {
          onState(state, detail);
        } catch (e) {
          console.error(e);
        }
      }
    };
    let socket = null;
    let stopped = false;
    let failures = 0;
    let last = null;
    const timers = { retry: null, ack: null, ping: null, pong: null, poll: null, probe: null };

    const clear = (name) => {
      if (timers[name]) {
        clearTimeout(timers[name]);
        clearInterval(timers[name]);
        timers[name] = null;
      }
    };
    const clearAll = () => Object.keys(timers).forEach(clear);

    async function currentToken() {
      return typeof token === 'function' ? await token() : token;
    }

    // only what differs reaches the page, polled or pushed
    function deliver(run) {
      const key = JSON.stringify([run.data, run.errors]);
      if (key !== last) {
        last = key;
        onRun(run);
      }
    }

    function backoff() {
      const base = Math.min(MAX_BACKOFF_MS, 1000 * Math.pow(2, Math.min(failures, 5)));
      return Math.round(base / 2 + Math.random() * base / 2);
    }

    function reconnect(delay) {
      if (stopped) {
        return;
      }
      failures++;
      const inMs = delay === undefined ? backoff() : delay;
      report('reconnecting', { inMs });
      clear('retry');
      timers.retry = setTimeout(connect, inMs);
    }

    function fail(code, message) {
      stopped = true;
      clearAll();
      if (socket) {
        socket.close(1000);
      }
      report('error', { code, message });
    }

    function send(message) {
      if (socket && socket.readyState === WebSocket.OPEN) {
        socket.send(JSON.stringify(message));
      }
    }

    async function connect() {
      if (stopped) {
        return;
      }
      if (typeof WebSocket === 'undefined') {
        startPolling();
        return;
      }
      report('connecting');
      let bearer;
      try {
        bearer = await currentToken();
      } catch (e) {
        report('unauthenticated', { message: String(e) });
        reconnect();
        return;
      }
      let opened = false;
      const ws = new WebSocket(endpoint(), PROTOCOL);
      socket = ws;
      ws.onopen = () => {
        opened = true;
        ws.send(JSON.stringify({ type: 'connection_init', payload: { Authorization: 'Bearer ' + bearer } }));
        timers.ack = setTimeout(() => ws.close(4408, 'No connection_ack'), ACK_TIMEOUT_MS);
      };
      ws.onmessage = (event) => {
        let message;
        try {
          message = JSON.parse(event.data);
        } catch (e) {
          return;
        }
        switch (message.type) {
          case 'connection_ack':
            clear('ack');
            failures = 0;
            stopPolling();
            send({ id: '1', type: 'subscribe', payload: { query: SUBSCRIPTION, variables: { id: viewId, variables } } });
            timers.ping = setInterval(() => {
              send({ type: 'ping' });
              clear('pong');
              timers.pong = setTimeout(() => ws.close(4000, 'No pong'), PONG_TIMEOUT_MS);
            }, PING_MS);
            report('live');
            break;
          case 'ping':
            send({ type: 'pong' });
            break;
          case 'pong':
            clear('pong');
            break;
          case 'next': {
            const payload = message.payload || {};
            if (payload.errors && payload.errors.length && !(payload.data && payload.data.savedViewUpdates)) {
              refused(payload.errors);
            } else {
              deliver(payload.data.savedViewUpdates);
            }
            break;
          }
          case 'error':
            refused(message.payload || []);
            break;
          case 'complete':
            // the server ended the stream (it restarts, say): subscribe again
            ws.close(1000);
            break;
          default:
            break;
        }
      };
      ws.onclose = (event) => {
        clear('ack');
        clear('ping');
        clear('pong');
        if (socket === ws) {
          socket = null;
        }
        if (stopped) {
          return;
        }
        if (!opened) {
          // did not get through (a proxy refusing upgrades, the service restarting): poll meanwhile
          if (failures >= 1) {
            startPolling();
            return;
          }
          reconnect();
          return;
        }
        if (event.code === 4401 || event.code === 4403) {
          report('unauthenticated', { code: 'UNAUTHENTICATED' });
          if (typeof token !== 'function') {
            fail('UNAUTHENTICATED', 'The access token was refused.');
            return;
          }
        }
        reconnect();
      };
    }

    // an error of the stream: a fresh token for UNAUTHENTICATED, a pause for RATE_LIMITED, nothing for the rest
    function refused(errors) {
      const error = errors[0] || {};
      const code = (error.extensions && error.extensions.code) || 'INTERNAL';
      if (FINAL_CODES.indexOf(code) >= 0) {
        fail(code, error.message);
        return;
      }
      if (code === 'UNAUTHENTICATED') {
        report('unauthenticated', { code, message: error.message });
        if (typeof token !== 'function') {
          fail(code, error.message);
          return;
        }
      }
      const pause = code === 'RATE_LIMITED' ? MAX_BACKOFF_MS : undefined;
      if (socket) {
        const ws = socket;
        socket = null;
        ws.onclose = null;
        ws.close(1000);
        clear('ping');
        clear('pong');
      }
      reconnect(pause);
    }

    async function poll() {
      try {
        const headers = { 'Content-Type': 'application/json', 'Accept-Language': 'zh-CN',
          Authorization: 'Bearer ' + await currentToken() };
        const response = await fetch('/graphql', { method: 'POST', headers,
          body: JSON.stringify({ query: QUERY, variables: { id: viewId, variables } }) });
        const body = await response.json();
        if (body.data && body.data.runSavedView) {
          deliver(body.data.runSavedView);
        } else if (body.errors && body.errors.length) {
          const code = body.errors[0].extensions && body.errors[0].extensions.code;
          if (FINAL_CODES.indexOf(code) >= 0) {
            fail(code, body.errors[0].message);
          } else if (code === 'UNAUTHENTICATED') {
            report('unauthenticated', { code, message: body.errors[0].message });
          }
        }
      } catch (e) {
        // the network is down: the next poll tries again
      }
    }

    function startPolling() {
      if (stopped || timers.poll) {
        return;
      }
      report('polling');
      poll();
      timers.poll = setInterval(poll, POLL_MS);
      if (typeof WebSocket !== 'undefined') {
        clear('probe');
        timers.probe = setInterval(() => {
          if (!socket) {
            failures = 0;
            connect();
          }
        }, RETRY_WEBSOCKET_MS);
      }
    }

    function stopPolling() {
      clear('poll');
      clear('probe');
    }

    connect();

    return function unsubscribe() {
      if (stopped) {
        return;
      }
      stopped = true;
      send({ id: '1', type: 'complete' });
      clearAll();
      if (socket) {
        socket.close(1000);
        socket = null;
      }
      report('closed');
    };
  }

  window.BangfuLive = { subscribe };
}());
