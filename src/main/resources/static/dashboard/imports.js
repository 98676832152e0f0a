// The officers' import screen: choose a kind and a file, watch the check, read the problems, download them,
// commit or cancel. Shown to users whose roles may import some kind (GET /imports/kinds is not empty); talks to
// the /imports endpoints with the page's access token (dashboard.js keeps it in `state`).
'use strict';

const imports = { kinds: [], current: null, polling: null };

async function importApi(path, options = {}) {
  const headers = Object.assign({ Authorization: 'Bearer ' + await session.accessToken(), 'Accept-Language': 'zh-CN' },
    options.headers || {});
  const response = await fetch(path, Object.assign({}, options, { headers }));
  const body = await response.json();
  if (!response.ok) {
    throw new Error(body.errors ? body.errors[0].message : response.statusText);
  }
  return body;
}

async function showImports() {
  const section = document.getElementById('imports');
  try {
    imports.kinds = await importApi('/imports/kinds');
  } catch (e) {
    imports.kinds = [];
  }
  section.hidden = imports.kinds.length === 0;
  const select = document.getElementById('import-kind');
  select.replaceChildren(...imports.kinds.map((kind) => {
    const option = document.createElement('option');
    option.value = kind.code;
    option.textContent = kind.title;
    return option;
  }));
}

function hideImports() {
  clearTimeout(imports.polling);
  imports.current = null;
  document.getElementById('imports').hidden = true;
  document.getElementById('import-status').hidden = true;
}

async function downloadFrom(path, name) {
  const response = await fetch(path,
    { headers: { Authorization: 'Bearer ' + await session.accessToken(), 'Accept-Language': 'zh-CN' } });
  if (!response.ok) {
    document.getElementById('import-error').textContent = (await response.json()).errors[0].message;
    return;
  }
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await response.blob());
  link.download = name;
  link.click();
  URL.revokeObjectURL(link.href);
}

async function upload(event) {
  event.preventDefault();
  const error = document.getElementById('import-error');
  error.textContent = '';
  const file = document.getElementById('import-file').files[0];
  if (!file) {
    error.textContent = '请选择要导入的文件。';
    return;
  }
  const kind = document.getElementById('import-kind').value;
  try {
    const status = await importApi('/imports?kind=' + encodeURIComponent(kind) + '&fileName='
      + encodeURIComponent(file.name), { method: 'POST', body: file,
      headers: { 'Content-Type': file.type || 'application/octet-stream' } });
    imports.current = status;
    await follow();
  } catch (e) {
    error.textContent = e.message;
  }
}

// polls the import while it runs, then shows where it ended
async function follow() {
  clearTimeout(imports.polling);
  const status = await importApi('/imports/' + imports.current.id + '?waitSeconds=2');
  imports.current = status;
  await drawStatus(status);
  if (status.status === 'CHECKING' || status.status === 'COMMITTING') {
    imports.polling = setTimeout(follow, 200);
  }
}

async function drawStatus(status) {
  document.getElementById('import-status').hidden = false;
  document.getElementById('import-state').textContent = status.statusText;
  document.getElementById('import-state').dataset.status = status.status;
  const counts = [['已读行数', status.rowsRead], ['问题', status.problems], ['将新建', status.toCreate],
    ['将修改', status.toChange], ['无变化', status.unchanged], ['已新建', status.created], ['已修改', status.changed]]
    .filter(([, value]) => value !== null && value !== undefined)
    .map(([label, value]) => label + ' ' + value.toLocaleString('zh-CN'));
  document.getElementById('import-counts').textContent = counts.join(' · ');
  document.getElementById('import-message').textContent = status.message || '';
  document.getElementById('import-commit').hidden = status.status !== 'CHECKED';
  document.getElementById('import-cancel').hidden = !['CHECKING', 'CHECKED', 'REJECTED', 'FAILED']
    .includes(status.status);
  document.getElementById('import-problems-download').hidden = status.status !== 'REJECTED';
  const body = document.querySelector('#import-findings tbody');
  if (status.status === 'CHECKING' || status.status === 'COMMITTING') {
    return;
  }
  const findings = await importApi('/imports/' + status.id + '/findings?kind=PROBLEM,NOTICE,CHANGE&limit=200');
  body.replaceChildren(...findings.findings.map((finding) => {
    const row = document.createElement('tr');
    row.className = finding.kind.toLowerCase();
    for (const value of [finding.row ?? '', finding.column ?? '', finding.message]) {
      const cell = document.createElement('td');
      cell.textContent = value;
      row.append(cell);
    }
    return row;
  }));
  document.getElementById('import-findings-more').textContent = findings.total > findings.findings.length
    ? '共 ' + findings.total.toLocaleString('zh-CN') + ' 条，此处列出前 ' + findings.findings.length
      + ' 条；全部问题请下载问题清单。' : '';
}

async function commitImport() {
  try {
    await importApi('/imports/' + imports.current.id + '/commit', { method: 'POST',
      headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ sha256: imports.current.sha256 }) });
    await follow();
  } catch (e) {
    document.getElementById('import-error').textContent = e.message;
  }
}

async function cancelImport() {
  try {
    imports.current = await importApi('/imports/' + imports.current.id + '/cancel', { method: 'POST' });
    await drawStatus(imports.current);
  } catch (e) {
    document.getElementById('import-error').textContent = e.message;
  }
}

document.getElementById('import-form').addEventListener('submit', upload);
document.getElementById('import-commit').addEventListener('click', commitImport);
document.getElementById('import-cancel').addEventListener('click', cancelImport);
document.getElementById('import-template').addEventListener('click', (event) => {
  event.preventDefault();
  const kind = imports.kinds.find((each) => each.code === document.getElementById('import-kind').value);
  if (kind) {
    downloadFrom(kind.template, kind.title + '_导入模板.xlsx');
  }
});
document.getElementById('import-problems-download').addEventListener('click', (event) => {
  event.preventDefault();
  downloadFrom('/imports/' + imports.current.id + '/problems',
    imports.current.fileName.replace(/\.[^.]*$/, '') + '_问题.xlsx');
});
document.addEventListener('bangfu:signed-in', showImports);
document.addEventListener('bangfu:signed-out', hideImports);
