// GraphiQL for developers: sign in through the API, keep the tokens in memory only (closing the tab signs
// out), and open the ready operations of operations/ as tabs. Everything it loads comes from this service.
'use strict';

const LOGIN = `mutation($input: LoginInput!) { login(input: $input) {
    tokens { accessToken accessTokenExpiresAt refreshToken } userErrors { code message } } }`;
const REFRESH = `mutation($input: RefreshSessionInput!) { refreshSession(input: $input) {
    tokens { accessToken accessTokenExpiresAt refreshToken } userErrors { code message } } }`;
const ME = '{ me { user { username displayName roles { role } } } }';
const LOGOUT = 'mutation { logout { session { id } } }';
// The schema for the docs and completion is fetched by the page, not by GraphiQL: GraphiQL's standard
// introspection query nests 13 levels deep, past the service's limit of 12 (bangfu.graphql.limits.max-depth).
// This one is 10 deep: four wrappers (ofType) are enough for the deepest types here, like [String!]!.
const INTROSPECTION = `query IntrospectionQuery { __schema {
    description queryType { name } mutationType { name } subscriptionType { name }
    types { ...FullType }
    directives { name description isRepeatable locations args { ...InputValue } } } }
  fragment FullType on __Type { kind name description specifiedByURL
    fields(includeDeprecated: true) { name description args { ...InputValue } type { ...TypeRef }
      isDeprecated deprecationReason }
    inputFields { ...InputValue } interfaces { ...TypeRef }
    enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
    possibleTypes { ...TypeRef } }
  fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
  fragment TypeRef on __Type { kind name ofType { kind name ofType { kind name ofType { kind name
    ofType { kind name } } } } }`;

const session = { token: null, refreshToken: null, refreshAt: 0, refreshing: null };
const page = { root: null, schema: null, schemaRequests: 0, tabs: [], generation: 0 };

// One POST to the GraphQL endpoint; the answer's JSON, errors included.
async function send(body, headers, token) {
  const all = Object.assign({ 'Content-Type': 'application/json' }, headers);
  if (token) {
    all.Authorization = 'Bearer ' + token;
  }
  const response = await fetch('/graphql', { method: 'POST', headers: all, body: JSON.stringify(body) });
  if (response.status === 401 && token && token === session.token) {
    ended(); // the session was ended elsewhere: signed out on another device, or revoked by an admin
  }
  return response.json();
}

// The access token, refreshed first when it has less than a minute to live. One refresh at a time: a
// refresh token is spent on use, and the service revokes the whole session when it sees one spent twice.
async function accessToken() {
  if (session.token && Date.now() > session.refreshAt) {
    session.refreshing = session.refreshing || refresh().finally(() => { session.refreshing = null; });
    await session.refreshing;
  }
  return session.token;
}

async function refresh() {
  const body = await send({ query: REFRESH, variables: { input: { refreshToken: session.refreshToken } } });
  const tokens = body.data && body.data.refreshSession.tokens;
  if (tokens) {
    keep(tokens);
  } else {
    ended();
  }
}

function keep(tokens) {
  session.token = tokens.accessToken;
  session.refreshToken = tokens.refreshToken;
  session.refreshAt = new Date(tokens.accessTokenExpiresAt).getTime() - 60000;
}

function ended() {
  forget();
  say('会话已结束，请重新登录。The session has ended: sign in again.');
  changed();
}

function forget() {
  session.token = null;
  session.refreshToken = null;
  document.getElementById('who').hidden = true;
  document.getElementById('sign-in').hidden = false;
}

// The page's own requests: the data, or an error with the service's first message.
async function call(query, variables) {
  const body = await send({ query, variables }, {}, await accessToken());
  if (body.errors && body.errors.length) {
    throw new Error(body.errors[0].message);
  }
  return body.data;
}

function say(text) {
  document.getElementById('message').textContent = text;
}

async function signIn(event) {
  event.preventDefault();
  say('');
  const password = document.getElementById('password');
  try {
    const data = await call(LOGIN, { input: { username: document.getElementById('username').value,
      password: password.value, deviceName: 'GraphiQL 网页' } });
    if (!data.login.tokens) {
      say(data.login.userErrors[0].message);
      return;
    }
    keep(data.login.tokens);
    password.value = '';
    const me = (await call(ME)).me.user;
    document.getElementById('who-name').textContent = me.displayName;
    document.getElementById('who-roles').textContent =
      '(' + [me.username].concat(me.roles.map((grant) => grant.role)).join(' · ') + ')';
    document.getElementById('who').hidden = false;
    document.getElementById('sign-in').hidden = true;
    changed();
  } catch (e) {
    say(e.message);
  }
}

async function signOut() {
  if (session.token) {
    try { await call(LOGOUT); } catch (e) { /* signed out either way */ }
  }
  forget();
  changed();
}

// GraphiQL's fetcher: the signed-in user's token on every request, whoever is signed in when it runs.
async function fetcher(params, options) {
  return send(operationOf(params), options && options.headers, await accessToken());
}

// Right after a tab is switched GraphiQL may still name the previous tab's operation: a document with a single
// operation runs that one, whatever name came with it.
function operationOf(params) {
  if (!params.operationName) {
    return params;
  }
  try {
    const names = GraphiQL.GraphQL.parse(params.query).definitions
      .filter((definition) => definition.kind === 'OperationDefinition')
      .map((definition) => definition.name && definition.name.value);
    if (names.length === 1 && names[0] !== params.operationName) {
      return Object.assign({}, params, { operationName: names[0] || undefined });
    }
  } catch (e) {
    // a document that does not parse: the service says what is wrong with it
  }
  return params;
}

// Signed in or out: the schema as the new user may see it. Outside the demo run the service shows it only to
// developers and admins; to anyone else GraphiQL runs without docs and completion, and the page says why.
async function changed() {
  const asked = ++page.schemaRequests;
  let schema = null;
  let problem = '';
  try {
    const body = await send({ query: INTROSPECTION, operationName: 'IntrospectionQuery' }, {}, await accessToken());
    if (body.data && body.data.__schema) {
      schema = GraphiQL.GraphQL.buildClientSchema(body.data);
    } else if (body.errors && body.errors.length) {
      problem = body.errors[0].message;
    }
  } catch (e) {
    problem = e.message;
  }
  if (asked !== page.schemaRequests) {
    return; // signed in or out again meanwhile: the later answer counts
  }
  document.getElementById('docs-refused').hidden = schema !== null;
  document.getElementById('docs-refused-reason').textContent = problem && '（' + problem + '）';
  page.schema = schema;
  render();
}

function render() {
  page.root = page.root || ReactDOM.createRoot(document.getElementById('graphiql'));
  page.root.render(React.createElement(GraphiQL, {
    key: page.generation,
    fetcher,
    // a schema, or null for none: never left out, or GraphiQL would send its own introspection query
    schema: page.schema,
    defaultTabs: page.tabs,
    defaultQuery: '# 新标签 New tab: Ctrl-Space 补全 completes\n{\n  me { user { displayName } }\n}\n',
    defaultEditorToolsVisibility: true,
    // tabs and answers (personal data among them) live as long as the browser tab, never on the disk of a
    // shared office computer; and a new browser tab opens the ready operations afresh
    storage: window.sessionStorage,
  }));
}

// Closes every tab and opens the ready operations again, as a fresh GraphiQL.
function resetTabs() {
  window.sessionStorage.clear();
  page.generation++;
  render();
}

async function text(path) {
  const response = await fetch(path);
  if (!response.ok) {
    throw new Error(path + ': HTTP ' + response.status);
  }
  return response.text();
}

// The ready operations: operations/index.json names each file, in tab order, with its example variables.
async function readyOperations() {
  const list = JSON.parse(await text('/graphiql/operations/index.json'));
  return Promise.all(list.map(async (entry) => ({
    query: await text('/graphiql/operations/' + entry.file),
    variables: entry.variables ? JSON.stringify(entry.variables, null, 2) : undefined,
  })));
}

async function start() {
  document.getElementById('sign-in').addEventListener('submit', signIn);
  document.getElementById('sign-out').addEventListener('click', signOut);
  document.getElementById('reset-tabs').addEventListener('click', resetTabs);
  try {
    page.tabs = await readyOperations();
  } catch (e) {
    say('未能加载现成操作 Could not load the ready operations: ' + e.message);
  }
  changed();
}

start();
