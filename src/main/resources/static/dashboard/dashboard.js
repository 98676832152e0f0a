// The leaders' dashboard: sign in, list the views one may run, run one, and show its rows
// as a table and a chart. The access token lives in memory only; closing the tab signs out.
'use strict';

const state = { token: null, refreshToken: null, refreshAt: 0, view: null };

async function graphql(query, variables) {
  if (state.token && Date.now() > state.refreshAt) {
    await refresh();
  }
  const headers = { 'Content-Type': 'application/json', 'Accept-Language': 'zh-CN' };
  if (state.token) {
    headers.Authorization = 'Bearer ' + state.token;
  }
  const response = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  const body = await response.json();
  if (body.errors && body.errors.length) {
    throw new Error(body.errors[0].message);
  }
  return body.data;
}

function keep(tokens) {
  state.token = tokens.accessToken;
  state.refreshToken = tokens.refreshToken;
  // refresh a minute before the access token runs out
  state.refreshAt = new Date(tokens.accessTokenExpiresAt).getTime() - 60000;
}

async function refresh() {
  const refreshToken = state.refreshToken;
  state.token = null;
  const data = await graphql(`mutation($input: RefreshSessionInput!) { refreshSession(input: $input) {
      tokens { accessToken accessTokenExpiresAt refreshToken } userErrors { message } } }`,
    { input: { refreshToken } });
  if (!data.refreshSession.tokens) {
    signOut();
    throw new Error(data.refreshSession.userErrors[0].message);
  }
  keep(data.refreshSession.tokens);
}

async function signIn(event) {
  event.preventDefault();
  const error = document.getElementById('sign-in-error');
  error.textContent = '';
  try {
    const data = await graphql(`mutation($input: LoginInput!) { login(input: $input) {
        tokens { accessToken accessTokenExpiresAt refreshToken } user { displayName } userErrors { message } } }`,
      { input: { username: document.getElementById('username').value,
        password: document.getElementById('password').value, deviceName: '领导视图网页' } });
    if (!data.login.tokens) {
      error.textContent = data.login.userErrors[0].message;
      return;
    }
    keep(data.login.tokens);
    document.getElementById('password').value = '';
    document.getElementById('who-name').textContent = data.login.user.displayName;
    document.getElementById('who').hidden = false;
    document.getElementById('sign-in').hidden = true;
    document.dispatchEvent(new CustomEvent('bangfu:signed-in'));
    await listViews();
  } catch (e) {
    error.textContent = e.message;
  }
}

async function signOut() {
  if (state.token) {
    try { await graphql('mutation { logout { session { id } } }'); } catch (e) { /* signed out either way */ }
  }
  state.token = null;
  state.refreshToken = null;
  document.getElementById('who').hidden = true;
  document.getElementById('views').hidden = true;
  document.getElementById('result').hidden = true;
  document.getElementById('sign-in').hidden = false;
  document.dispatchEvent(new CustomEvent('bangfu:signed-out'));
}

async function listViews() {
  const data = await graphql('{ savedViews { id name description ownerName } }');
  const list = document.getElementById('view-list');
  list.replaceChildren();
  for (const view of data.savedViews) {
    const item = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = view.name;
    button.addEventListener('click', () => run(view));
    const about = document.createElement('small');
    about.textContent = (view.description ? view.description + ' · ' : '') + view.ownerName;
    item.append(button, about);
    list.append(item);
  }
  if (!data.savedViews.length) {
    const item = document.createElement('li');
    item.textContent = '还没有可用的视图。';
    list.append(item);
  }
  document.getElementById('views').hidden = false;
}

async function run(view) {
  state.view = view;
  const error = document.getElementById('result-error');
  error.textContent = '';
  document.getElementById('result-title').textContent = view.name;
  document.getElementById('result').hidden = false;
  try {
    const data = await graphql('query($id: ID!) { runSavedView(id: $id) { data errors asOf } }', { id: view.id });
    const result = data.runSavedView;
    if (result.errors.length) {
      error.textContent = result.errors[0].message;
    }
    document.getElementById('result-meta').textContent = '数据截至 ' + new Date(result.asOf).toLocaleString('zh-CN');
    const table = toTable(result.data);
    drawTable(table);
    drawChart(table);
  } catch (e) {
    error.textContent = e.message;
  }
}

// The first list of objects in the data: a figure's groups with its total last, a page's nodes.
function rowsOf(data) {
  if (Array.isArray(data)) {
    return data.length && data.every((item) => item && typeof item === 'object' && !Array.isArray(item)) ? data : null;
  }
  if (data && typeof data === 'object') {
    if (Array.isArray(data.groups) && data.total) {
      const dims = data.groups.length ? data.groups[0].keys.map((key) => key.dimension) : [];
      return data.groups.concat([Object.assign({}, data.total,
        { keys: dims.map((dimension) => ({ dimension, label: '合计' })), isTotal: true })]);
    }
    if (Array.isArray(data.edges)) {
      return data.edges.map((edge) => edge.node);
    }
    for (const value of Object.values(data)) {
      const rows = rowsOf(value);
      if (rows) {
        return rows;
      }
    }
  }
  return null;
}

function flatten(prefix, value, into) {
  if (Array.isArray(value) && prefix === 'keys') {
    for (const key of value) {
      into[key.dimension] = key.label ?? key.value;
    }
  } else if (Array.isArray(value)) {
    into[prefix] = value.map(String).join('; ');
  } else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      flatten(prefix ? prefix + '.' + key : key, inner, into);
    }
  } else {
    into[prefix] = value;
  }
  return into;
}

function toTable(data) {
  const rows = (rowsOf(data) || []).map((row) => {
    const flat = flatten('', Object.assign({}, row, { isTotal: undefined }), {});
    delete flat.isTotal;
    return { cells: flat, total: !!row.isTotal };
  });
  const columns = [];
  for (const row of rows) {
    for (const column of Object.keys(row.cells)) {
      if (!columns.includes(column)) {
        columns.push(column);
      }
    }
  }
  return { columns, rows };
}

function drawTable(table) {
  const head = document.querySelector('#table thead');
  const body = document.querySelector('#table tbody');
  const header = document.createElement('tr');
  for (const column of table.columns) {
    const cell = document.createElement('th');
    cell.textContent = column;
    header.append(cell);
  }
  head.replaceChildren(header);
  body.replaceChildren(...table.rows.map((row) => {
    const line = document.createElement('tr');
    if (row.total) {
      line.className = 'total';
    }
    for (const column of table.columns) {
      const cell = document.createElement('td');
      const value = row.cells[column];
      cell.textContent = (typeof value === 'number' && !Number.isInteger(value))
        ? (value * 100).toFixed(1) + '%' : (value ?? '');
      line.append(cell);
    }
    return line;
  }));
}

function drawChart(table) {
  const element = document.getElementById('chart');
  const rows = table.rows.filter((row) => !row.total);
  const labelColumn = table.columns[0];
  const numeric = table.columns.filter((column) => column !== labelColumn
    && rows.length && rows.every((row) => typeof row.cells[column] === 'number'
      || (typeof row.cells[column] === 'string' && /^-?\d+(\.\d+)?$/.test(row.cells[column]))));
  const chart = echarts.getInstanceByDom(element) || echarts.init(element);
  chart.setOption({
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 8, bottom: 8, top: 32, containLabel: true },
    xAxis: { type: 'category', data: rows.map((row) => String(row.cells[labelColumn] ?? '')),
      axisLabel: { interval: 0, rotate: rows.length > 6 ? 45 : 0 } },
    yAxis: { type: 'value' },
    series: numeric.slice(0, 3).map((column) => ({ name: column, type: 'bar',
      data: rows.map((row) => Number(row.cells[column])) }))
  }, true);
  element.dataset.drawn = String(rows.length);
  window.addEventListener('resize', () => chart.resize());
}

async function download(event, format) {
  event.preventDefault();
  if (!state.view) {
    return;
  }
  const response = await fetch('/exports/views/' + encodeURIComponent(state.view.id) + '?format=' + format,
    { headers: { Authorization: 'Bearer ' + state.token, 'Accept-Language': 'zh-CN' } });
  if (!response.ok) {
    document.getElementById('result-error').textContent = (await response.json()).errors[0].message;
    return;
  }
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await response.blob());
  link.download = state.view.name + '.' + format;
  link.click();
  URL.revokeObjectURL(link.href);
}

document.getElementById('sign-in').addEventListener('submit', signIn);
document.getElementById('sign-out').addEventListener('click', signOut);
document.getElementById('download-csv').addEventListener('click', (event) => download(event, 'csv'));
document.getElementById('download-xlsx').addEventListener('click', (event) => download(event, 'xlsx'));
