// The leaders' dashboard: sign in, open the views one may run, drill from city to village, download.
// The access token lives in memory only; closing the tab signs out. Figures shown are never left on the
// page once they can no longer be trusted: an error, a lost connection or an ended session clears them.
'use strict';

const state = { catalog: [], dimensionNames: {}, views: [], current: null, runs: 0, live: null };

// Requests go through the page's session (session.js): tokens in memory, renewed before they run out, a
// refused session reported once.
const RequestFailure = session.RequestError;

function graphql(query, variables) {
  return session.graphql(query, variables);
}

async function signIn(event) {
  event.preventDefault();
  const error = document.getElementById('sign-in-error');
  error.textContent = '';
  try {
    const name = await session.signIn(document.getElementById('username').value,
      document.getElementById('password').value, '领导视图网页');
    document.getElementById('password').value = '';
    document.getElementById('who-name').textContent = name;
    document.getElementById('who').hidden = false;
    document.getElementById('sign-in').hidden = true;
    document.dispatchEvent(new CustomEvent('bangfu:signed-in'));
    await loadCatalog();
    await listViews();
  } catch (e) {
    error.textContent = e.message;
  }
}

function hideAll() {
  stopFollowing();
  for (const id of ['who', 'views', 'builder', 'result']) {
    document.getElementById(id).hidden = true;
  }
  clearResult();
  state.current = null;
}

function signOut() {
  return session.signOut();
}

// The session ended, by the user or elsewhere (revoked, expired): nothing shown stays, and the reason is said.
session.onSignedOut((reason) => {
  hideAll();
  document.getElementById('sign-in').hidden = false;
  document.getElementById('sign-in-error').textContent = reason ? '登录已失效，请重新登录。（' + reason + '）' : '';
  document.dispatchEvent(new CustomEvent('bangfu:signed-out'));
});

async function loadCatalog() {
  const data = await graphql(`{ figureCatalog { field name description period
      dimensions { dimension name } measures { field name unit unitName } } }`);
  state.catalog = data.figureCatalog;
  for (const figure of state.catalog) {
    for (const dimension of figure.dimensions) {
      state.dimensionNames[dimension.dimension] = dimension.name;
    }
  }
}

function figureOf(field) {
  return state.catalog.find((figure) => figure.field === field) || null;
}

const VIEW_FIELDS = `id name description ownerName ownedByMe builtIn chart document variables
  recipe { figure measures } sharedWithRoles sharedWithLevels sharedWithUserIds`;

async function listViews() {
  const data = await graphql(`{ savedViews { ${VIEW_FIELDS} } }`);
  state.views = data.savedViews;
  const groups = document.getElementById('view-groups');
  groups.replaceChildren();
  const kinds = [['内置视图', (v) => v.builtIn], ['我的视图', (v) => v.ownedByMe],
    ['共享给我的', (v) => !v.builtIn && !v.ownedByMe]];
  for (const [title, belongs] of kinds) {
    const views = state.views.filter(belongs);
    const heading = document.createElement('h3');
    heading.textContent = title;
    const list = document.createElement('ul');
    list.className = 'view-list';
    for (const view of views) {
      list.append(viewItem(view));
    }
    if (!views.length) {
      const item = document.createElement('li');
      item.className = 'hint';
      item.textContent = title === '我的视图' ? '还没有自己的视图：点“新建视图”，选指标、统计期和分组即可。' : '暂无。';
      list.append(item);
    }
    groups.append(heading, list);
  }
  document.getElementById('views').hidden = false;
}

function viewItem(view) {
  const item = document.createElement('li');
  item.dataset.viewId = view.id;
  const open = document.createElement('button');
  open.type = 'button';
  open.className = 'open-view';
  open.textContent = view.name;
  open.addEventListener('click', () => openView(view));
  const about = document.createElement('small');
  about.textContent = (view.description ? view.description + ' · ' : '') + view.ownerName;
  item.append(open, about);
  const actions = document.createElement('span');
  actions.className = 'actions';
  if (view.ownedByMe) {
    actions.append(action('编辑', () => BangfuBuilder.edit(view)),
      action('删除', () => deleteView(view)));
  } else if (view.recipe) {
    actions.append(action('另存为我的', () => BangfuBuilder.copy(view)));
  }
  item.append(actions);
  return item;
}

function action(label, handler) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'link';
  button.textContent = label;
  button.addEventListener('click', handler);
  return button;
}

async function deleteView(view) {
  if (!window.confirm('删除视图“' + view.name + '”？共享给他人的也将一并删除。')) {
    return;
  }
  try {
    const data = await graphql('mutation($id: ID!) { deleteView(id: $id) { deletedViewId userErrors { message } } }',
      { id: view.id });
    if (data.deleteView.userErrors.length) {
      window.alert(data.deleteView.userErrors[0].message);
    }
    if (state.current && state.current.view.id === view.id) {
      document.getElementById('result').hidden = true;
      state.current = null;
    }
    await listViews();
  } catch (e) {
    failed(e);
  }
}

// Opens a view at its own variables; drilling adds to the breadcrumb from there.
function openView(view) {
  state.current = { view, crumbs: [{ label: view.name, variables: view.variables || {} }] };
  document.getElementById('builder').hidden = true;
  show();
  document.getElementById('result').scrollIntoView({ block: 'start' });
}

function currentVariables() {
  const crumbs = state.current.crumbs;
  return crumbs[crumbs.length - 1].variables;
}

function clearResult() {
  const chart = echarts.getInstanceByDom(document.getElementById('chart'));
  if (chart) {
    chart.clear();
  }
  document.getElementById('chart').dataset.drawn = '';
  document.querySelector('#table thead').replaceChildren();
  document.querySelector('#table tbody').replaceChildren();
  document.getElementById('result-meta').textContent = '';
}

function status(text, kind) {
  const element = document.getElementById('result-status');
  element.textContent = text;
  element.className = kind || '';
}

// Whatever failed, the figures on the page go: a leader must not quote numbers that did not come.
function failed(e) {
  clearResult();
  document.getElementById('result').classList.add('stale');
  if (e.code === 'UNAUTHENTICATED') {
    return; // the session's end clears the page and says why
  }
  status('', '');
  document.getElementById('result-error').textContent = '未能取得数据，图表和表格已清空：' + e.message;
}

async function show() {
  const current = state.current;
  const run = ++state.runs;
  const view = current.view;
  stopFollowing();
  document.getElementById('result').hidden = false;
  document.getElementById('result').classList.add('stale');
  document.getElementById('result-title').textContent = view.name;
  document.getElementById('result-error').textContent = '';
  drawCrumbs();
  clearResult();
  status('正在加载…', 'loading');
  try {
    let data;
    let asOf;
    let served = null;
    const variables = currentVariables();
    if (view.id) {
      const answer = await graphql(`query($id: ID!, $variables: JSON) { runSavedView(id: $id, variables: $variables) {
          data errors asOf table { columns { key name type unit unitName dimension }
            rows { cells total keys { dimension value label } } } } }`, { id: view.id, variables });
      if (answer.runSavedView.errors.length) {
        throw new RequestFailure(answer.runSavedView.errors[0].message,
          (answer.runSavedView.errors[0].extensions || {}).code);
      }
      data = answer.runSavedView.data;
      asOf = answer.runSavedView.asOf;
      served = answer.runSavedView.table;
    } else {
      data = await graphql(view.document, variables);
      asOf = new Date().toISOString();
    }
    if (run !== state.runs || state.current !== current) {
      return; // a newer request has taken the page
    }
    await render(current, data, asOf, served);
    if (view.id) {
      followLive(current, run);
    }
  } catch (e) {
    if (run === state.runs) {
      failed(e);
    }
  }
}

// Draws a run of the view: the table and the chart, with what they are of and when.
async function render(current, data, asOf, served) {
  const view = current.view;
  // a view made in the builder reads as its figure's catalog entry names it (a preview has no served table
  // yet); any other view as the service's table of it
  const table = view.recipe ? figureTable(figureOf(view.recipe.figure), view.recipe.measures, data)
    : servedTable(served, data);
  current.table = table;
  document.getElementById('result').classList.remove('stale');
  status('', '');
  document.getElementById('result-meta').textContent = describe(currentVariables()) + ' · 数据截至 '
    + new Date(asOf).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) + '（北京时间）'
    + (table.note ? ' · ' + table.note : '');
  drawTable(table);
  await drawChart(table, view.chart || 'BAR');
}

const LIVE_STATES = { connecting: '正在连接实时更新…', live: '实时更新：有新的走访、案件或记录时自动刷新',
  reconnecting: '实时连接中断，正在重新连接…', polling: '无法保持实时连接，每30秒刷新一次' };

function stopFollowing() {
  if (state.live) {
    state.live();
    state.live = null;
  }
  document.getElementById('live-status').textContent = '';
}

// Keeps the open view moving: the service pushes its figures again when something in its scope changes
// (live.js: graphql-ws, or polling where no WebSocket opens). Only the run on screen is followed.
function followLive(current, run) {
  stopFollowing();
  if (typeof BangfuLive === 'undefined') {
    return;
  }
  const chart = document.getElementById('chart');
  chart.dataset.pushes = '0';
  state.live = BangfuLive.subscribe(() => session.accessToken(), current.view.id, currentVariables(),
    async (pushed) => {
      if (state.current !== current || state.runs !== run) {
        return;
      }
      if (pushed.errors && pushed.errors.length) {
        failed(new RequestFailure(pushed.errors[0].message, (pushed.errors[0].extensions || {}).code));
        stopFollowing();
        return;
      }
      try {
        await render(current, pushed.data, pushed.asOf, pushed.table);
        chart.dataset.pushes = String(Number(chart.dataset.pushes || 0) + 1);
      } catch (e) {
        failed(e);
      }
    },
    (live, detail) => {
      if (state.current !== current) {
        return;
      }
      if (live === 'error') {
        failed(new RequestFailure(detail.message, detail.code));
      }
      document.getElementById('live-status').textContent = LIVE_STATES[live] || '';
      document.getElementById('live-status').dataset.state = live;
    });
}

// What period and area the figures are of, in words.
function describe(variables) {
  const filter = variables.filter || {};
  const parts = [];
  if (variables.days) {
    parts.push('近' + variables.days + '天');
  } else if (filter.year) {
    parts.push(filter.year + '年');
  } else if (filter.from || filter.to) {
    parts.push((filter.from || '年初') + ' 至 ' + (filter.to || '今天'));
  } else {
    parts.push('本年至今');
  }
  return parts.join(' ');
}

// A figure's rows: its groups, then the total; one column per dimension, then the measures in the unit
// the schema gives them.
function figureTable(figure, chosen, data) {
  const result = data[figure.field];
  const measures = (chosen && chosen.length)
    ? chosen.map((field) => figure.measures.find((m) => m.field === field)).filter(Boolean) : figure.measures;
  const dimensions = result.groups.length ? result.groups[0].keys.map((key) => key.dimension) : [];
  const rows = result.groups.map((group) => ({ values: group, keys: group.keys, total: false }))
    .concat([{ values: result.total, keys: [], total: true }]);
  const columns = dimensions.map((dimension) => ({ key: dimension, dimension, head: state.dimensionNames[dimension]
    || dimension, text: (v) => v ?? '', value: (v) => v }));
  for (const measure of measures) {
    const format = BangfuFormat.column(measure.name, measure.unit, measure.unitName,
      rows.map((row) => row.values[measure.field]));
    columns.push(Object.assign({ key: measure.field, measure }, format));
  }
  const cells = rows.map((row) => {
    const line = {};
    for (const column of columns) {
      if (column.dimension) {
        const key = row.keys.find((k) => k.dimension === column.dimension);
        line[column.key] = row.total ? '合计' : (key ? key.label : '');
      } else {
        line[column.key] = row.values[column.key];
      }
    }
    return { cells: line, keys: row.keys, total: row.total };
  });
  const suppressed = (result.suppressedGroups || []).length;
  return { columns, rows: cells, dimensions, measures, figure,
    note: suppressed ? suppressed + '组因涉及健康信息且不足' + result.suppressedGroups[0].fewerThan
      + '户未单独显示（合计含在内）' : '' };
}

// The table the service made of a written view: its columns named, typed and with units from the schema.
const UNIT_OF_TYPE = { MONEY: 'YUAN', RATIO: 'RATIO' };

function servedTable(served, data) {
  const columns = served.columns.map((column, i) => {
    const values = served.rows.map((row) => row.cells[i]);
    const numeric = ['INTEGER', 'DECIMAL', 'MONEY', 'RATIO'].includes(column.type);
    const unit = UNIT_OF_TYPE[column.type] || (numeric ? column.unit : null);
    const format = numeric && !unit
      ? { head: column.name, numeric: true, value: (v) => v, text: (v) => (v === null || v === undefined) ? '—'
        : Number(v).toLocaleString('zh-CN', { maximumFractionDigits: 2 }) }
      : BangfuFormat.column(column.name, unit, column.unitName, values);
    const text = column.type === 'DATE_TIME'
      ? (v) => (v ? String(v).substring(0, 16).replace('T', ' ') : '') : format.text;
    return Object.assign({}, format, { key: String(i), text, dimension: column.dimension,
      measure: numeric && column.unit ? { unit: column.unit } : undefined });
  });
  const rows = served.rows.map((row) => ({ cells: Object.fromEntries(row.cells.map((v, i) => [String(i), v])),
    keys: row.keys, total: row.total }));
  const total = totalCount(data);
  return { columns, rows, dimensions: [], measures: [], figure: null,
    note: (total !== null && total > rows.length) ? '共' + BangfuFormat.counts.format(total) + '条，此处显示前'
      + rows.length + '条；下载可得全部' : (total !== null ? '共' + BangfuFormat.counts.format(total) + '条' : '') };
}

// A list's totalCount, where the data has one.
function totalCount(data) {
  if (data && typeof data === 'object') {
    if (typeof data.totalCount === 'number') {
      return data.totalCount;
    }
    for (const value of Object.values(data)) {
      const found = totalCount(value);
      if (found !== null) {
        return found;
      }
    }
  }
  return null;
}

function drawTable(table) {
  const head = document.querySelector('#table thead');
  const body = document.querySelector('#table tbody');
  const header = document.createElement('tr');
  for (const column of table.columns) {
    const cell = document.createElement('th');
    cell.textContent = column.head;
    cell.className = column.numeric ? 'num' : '';
    header.append(cell);
  }
  head.replaceChildren(header);
  body.replaceChildren(...table.rows.map((row, index) => {
    const line = document.createElement('tr');
    if (row.total) {
      line.className = 'total';
    }
    table.columns.forEach((column, i) => {
      const cell = document.createElement('td');
      cell.className = column.numeric ? 'num' : '';
      const text = column.text(row.cells[column.key]);
      if (i === 0 && !row.total && drillable(row)) {
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'link drill';
        button.textContent = text;
        button.addEventListener('click', () => drill(index));
        cell.append(button);
      } else {
        cell.textContent = text;
      }
      line.append(cell);
    });
    return line;
  }));
  document.getElementById('drill-hint').hidden = !table.rows.some((row) => !row.total && drillable(row));
}

const NEXT = { COUNTY: 'TOWN', TOWN: 'VILLAGE' };
const FILTER = { COUNTY: 'countyCode', TOWN: 'townCode' };

function drillable(row) {
  const current = state.current;
  if (!current || !current.view.recipe || !current.table || !current.table.figure) {
    return false;
  }
  const offered = current.table.figure.dimensions.map((d) => d.dimension);
  return row.keys.some((key) => NEXT[key.dimension] && offered.includes(NEXT[key.dimension]));
}

// Down one level: the area clicked becomes the filter, its parts the grouping; the period stays.
function drill(index) {
  const current = state.current;
  const row = current.table.rows[index];
  const key = row.keys.find((k) => NEXT[k.dimension]);
  if (!key) {
    return;
  }
  const variables = JSON.parse(JSON.stringify(currentVariables()));
  variables.filter = Object.assign({}, variables.filter || {}, { [FILTER[key.dimension]]: key.value });
  variables.groupBy = (variables.groupBy || []).map((d) => d === key.dimension ? NEXT[key.dimension] : d);
  current.crumbs.push({ label: key.label, variables });
  show();
}

function drawCrumbs() {
  const nav = document.getElementById('crumbs');
  nav.replaceChildren();
  const crumbs = state.current.crumbs;
  crumbs.forEach((crumb, i) => {
    if (i > 0) {
      nav.append(' › ');
    }
    if (i === crumbs.length - 1) {
      const here = document.createElement('strong');
      here.textContent = crumb.label;
      nav.append(here);
    } else {
      const back = action(crumb.label, () => {
        state.current.crumbs = crumbs.slice(0, i + 1);
        show();
      });
      nav.append(back);
    }
  });
}

function categoryOf(row) {
  return row.keys.map((key) => key.label).join(' · ');
}

async function drawChart(table, kind) {
  const element = document.getElementById('chart');
  const rows = table.rows.filter((row) => !row.total);
  element.dataset.kind = kind;
  const measured = table.columns.filter((column) => column.measure);
  if (kind === 'TABLE' || !measured.length || !rows.length) {
    element.hidden = true;
    element.dataset.drawn = String(rows.length);
    return;
  }
  element.hidden = false;
  const chart = echarts.getInstanceByDom(element) || echarts.init(element);
  const narrow = element.clientWidth < 500;
  let option;
  if (kind === 'PIE') {
    const first = measured[0];
    option = {
      tooltip: { trigger: 'item', valueFormatter: (v) => first.text(v * (first.unit === 'RATIO' ? 0.01 : 1)) },
      legend: { type: 'scroll', bottom: 0 },
      series: [{ type: 'pie', radius: narrow ? ['30%', '60%'] : ['35%', '70%'], name: first.head,
        label: { formatter: '{b}\n{d}%' },
        data: rows.map((row) => ({ name: categoryOf(row), value: first.value(row.cells[first.key]) })) }]
    };
  } else if (kind === 'MAP') {
    option = await mapOption(table, rows, measured[0]);
  } else {
    const primaryUnit = measured[0].unit === 'RATIO' && measured.some((c) => c.unit !== 'RATIO')
      ? measured.find((c) => c.unit !== 'RATIO').scaleUnit : measured[0].scaleUnit;
    const primary = measured.filter((c) => c.scaleUnit === primaryUnit);
    const secondary = measured.filter((c) => c.unit === 'RATIO' && c.scaleUnit !== primaryUnit);
    const axes = [{ type: 'value', name: primaryUnit, axisLabel: { formatter: BangfuFormat.axisLabel(primaryUnit) } }];
    if (secondary.length) {
      axes.push({ type: 'value', name: '%', axisLabel: { formatter: BangfuFormat.axisLabel('%') },
        splitLine: { show: false } });
    }
    const series = primary.map((column) => ({ name: column.head, type: kind === 'LINE' ? 'line' : 'bar',
      yAxisIndex: 0, data: rows.map((row) => column.value(row.cells[column.key])),
      tooltip: { valueFormatter: (v) => v === null ? '—' : BangfuFormat.decimals.format(v) + ' ' + primaryUnit } }))
      .concat(secondary.map((column) => ({ name: column.head, type: 'line', yAxisIndex: 1,
        data: rows.map((row) => column.value(row.cells[column.key])),
        tooltip: { valueFormatter: (v) => v === null ? '—' : v.toFixed(1) + '%' } })));
    option = {
      tooltip: { trigger: 'axis' },
      legend: { type: 'scroll', top: 0 },
      grid: { left: 8, right: 8, bottom: 8, top: 48, containLabel: true },
      xAxis: { type: 'category', data: rows.map(categoryOf),
        axisLabel: { interval: narrow ? 'auto' : 0, hideOverlap: true, rotate: (narrow || rows.length > 8) ? 40 : 0,
          width: 72, overflow: 'truncate' } },
      yAxis: axes,
      series
    };
  }
  chart.setOption(option, true);
  chart.off('click');
  chart.on('click', (event) => {
    const index = (kind === 'MAP') ? event.data && event.data.index : event.dataIndex;
    const row = rows[index];
    if (row && drillable(row)) {
      drill(table.rows.indexOf(row));
    }
  });
  element.dataset.drawn = String(rows.length);
  window.addEventListener('resize', () => chart.resize());
}

const coordinates = new Map();

// The villages' stored coordinates, fetched once: a scatter over plain axes, no map tiles from elsewhere.
async function villageCoordinates(codes) {
  const missing = codes.filter((code) => !coordinates.has(code));
  const counties = [...new Set(missing.map((code) => code.substring(0, 6)))];
  for (const county of counties) {
    let after = null;
    do {
      const data = await graphql(`query($after: String, $county: String) { villages(first: 100, after: $after,
          filter: {countyCode: $county}) { pageInfo { hasNextPage endCursor } edges { node { code latitude longitude } } } }`,
      { after, county });
      for (const { node: village } of data.villages.edges) {
        coordinates.set(village.code, [village.longitude, village.latitude]);
      }
      after = data.villages.pageInfo.hasNextPage ? data.villages.pageInfo.endCursor : null;
    } while (after);
  }
  return coordinates;
}

async function mapOption(table, rows, measure) {
  const villageKey = (row) => row.keys.find((key) => key.dimension === 'VILLAGE');
  const placed = rows.filter(villageKey);
  if (!placed.length) {
    throw new RequestFailure('地图按村标注：请把视图按“村”分组。', 'INVALID_INPUT');
  }
  const known = await villageCoordinates(placed.map((row) => villageKey(row).value));
  const values = placed.map((row) => measure.value(row.cells[measure.key]) || 0);
  const data = placed.filter((row) => known.has(villageKey(row).value)).map((row) => ({
    name: villageKey(row).label, index: rows.indexOf(row),
    value: known.get(villageKey(row).value).concat([measure.value(row.cells[measure.key])]) }));
  return {
    tooltip: { formatter: (p) => p.name + '：' + measure.text(rows[p.data.index].cells[measure.key]) },
    grid: { left: 8, right: 8, top: 8, bottom: 48, containLabel: true },
    xAxis: { type: 'value', scale: true, name: '经度', axisLabel: { formatter: (v) => v.toFixed(1) + '°' } },
    yAxis: { type: 'value', scale: true, name: '纬度', axisLabel: { formatter: (v) => v.toFixed(1) + '°' } },
    visualMap: { min: Math.min(...values), max: Math.max(...values, 1), dimension: 2, orient: 'horizontal',
      left: 'center', bottom: 0, text: [measure.head, ''], calculable: true,
      inRange: { color: ['#fde0c5', '#f59e42', '#b71c1c'] } },
    series: [{ type: 'scatter', symbolSize: 8, data }]
  };
}

// Downloads refresh the token as queries do, and take their name from the service (what and when).
async function download(event, format) {
  event.preventDefault();
  const current = state.current;
  if (!current) {
    return;
  }
  const error = document.getElementById('result-error');
  error.textContent = '';
  try {
    const headers = { Authorization: 'Bearer ' + await session.accessToken(), 'Accept-Language': 'zh-CN' };
    const drilled = current.crumbs.length > 1 || !current.view.id;
    const response = drilled
      ? await fetch('/exports?format=' + format, { method: 'POST',
        headers: Object.assign({ 'Content-Type': 'application/json' }, headers),
        body: JSON.stringify({ query: current.view.document, variables: currentVariables() }) })
      : await fetch('/exports/views/' + encodeURIComponent(current.view.id) + '?format=' + format, { headers });
    if (!response.ok) {
      const body = await response.json().catch(() => null);
      if (response.status === 401) {
        // the next request ends the session the same way as any other refusal
        await graphql('{ me { user { id } } }').catch(() => null);
        return;
      }
      error.textContent = '下载失败：' + (body && body.errors ? body.errors[0].message : response.status);
      return;
    }
    const link = document.createElement('a');
    link.href = URL.createObjectURL(await response.blob());
    link.download = fileName(response.headers.get('Content-Disposition'))
      || (current.crumbs[current.crumbs.length - 1].label + '.' + format);
    link.click();
    URL.revokeObjectURL(link.href);
  } catch (e) {
    error.textContent = '下载失败：' + e.message;
  }
}

function fileName(disposition) {
  const match = /filename\*=UTF-8''([^;]+)/i.exec(disposition || '');
  return match ? decodeURIComponent(match[1]) : null;
}

document.getElementById('sign-in').addEventListener('submit', signIn);
document.getElementById('sign-out').addEventListener('click', signOut);
document.getElementById('download-csv').addEventListener('click', (event) => download(event, 'csv'));
document.getElementById('download-xlsx').addEventListener('click', (event) => download(event, 'xlsx'));
