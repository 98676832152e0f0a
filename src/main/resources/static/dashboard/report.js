// The annual report page: a year's figures beside the year before's, within the signed-in
// user's jurisdiction, laid out as the city's annual report and printable on A4. Every
// number's Chinese name and unit come from the schema (@label, read through
// figureCatalog); this file holds only the report's layout: which figures, in which
// order, under which headings.
'use strict';

const LINKAGE_SOURCES = ['CENTRAL_LINKAGE', 'PROVINCIAL_LINKAGE', 'MUNICIPAL_LINKAGE', 'COUNTY_LINKAGE'];

// The report's sections. A part is an AnnualReport field whose row has the numbers of the
// figure `figure` of the catalog; its heading is the figure's name unless it names its own
// (the fund rows all come from one figure, 资金投入). `extra` are AnnualReport's own
// numbers shown in a part, with their names, since the catalog lists only figure rows.
const SECTIONS = [
  { heading: '一、防止返贫动态监测和帮扶', parts: [
    { field: 'monitoring', figure: 'monitoringFigures', measures: ['households', 'people', 'newHouseholds',
      'newPeople', 'eliminatedHouseholds', 'eliminatedPeople', 'eliminationRateByPeople',
      'eliminationRateByHouseholds'] },
    { field: 'measures', figure: 'measureFigures', measures: ['measures', 'newMeasures', 'households'] }
  ] },
  { heading: '二、驻村帮扶和定点帮扶', parts: [
    { field: 'cadres', figure: 'cadreFigures', heading: '驻村干部（年末在岗）',
      measures: ['firstSecretaries', 'teamLeaders', 'teamMembers', 'villages'] },
    { field: 'assistanceUnits', figure: 'assistanceUnitFigures', heading: '定点帮扶（年末在册）',
      measures: ['units', 'pairings', 'villages', 'designatedFunds'] }
  ] },
  { heading: '三、资金投入和项目建设', parts: [
    { field: 'linkageFunds', figure: 'fundFigures', heading: '衔接资金',
      measures: ['allocated', 'spent', 'spendingRate', 'projects', 'keyCountyShare'],
      extra: [{ field: 'industryProjects', name: '其中：产业项目', unit: 'PROJECT' }] },
    { field: 'linkageFundsInKeyCounties', figure: 'fundFigures', heading: '其中：重点帮扶县衔接资金',
      measures: ['allocated', 'spent', 'projects'] },
    { field: 'centralAndProvincialFunds', figure: 'fundFigures', heading: '中央和省级衔接资金',
      measures: ['allocated', 'spent', 'spendingRate'] },
    { field: 'designatedAssistanceFunds', figure: 'fundFigures', heading: '定点帮扶资金',
      measures: ['allocated', 'spent', 'projects'] },
    { field: 'eastWestCollaborationFunds', figure: 'fundFigures', heading: '苏陕协作资金',
      measures: ['allocated', 'spent', 'projects'] }
  ] },
  { heading: '四、督帮和问题整改', parts: [
    { field: 'supervision', figure: 'supervisionFigures', heading: '集中督帮',
      measures: ['rounds', 'counties', 'zones', 'towns', 'villages', 'departments', 'problemsFound',
        'problemsRectified', 'problemsOpen'] }
  ] },
  { heading: '五、产业带动和就业帮扶', parts: [
    { field: 'drivingEnterprises', figure: 'enterpriseFigures', heading: '农业企业、合作社等带动脱贫人口',
      measures: ['drivingEnterprises', 'linkedHouseholds', 'linkedPeople'] },
    { field: 'communityFactories', figure: 'enterpriseFigures', heading: '社区工厂吸纳就业',
      measures: ['communityFactories', 'workers', 'workersOutOfPoverty'] }
  ] },
  { heading: '六、脱贫人口就业、收入和小额信贷', parts: [
    { field: 'population', figure: 'populationFigures', heading: '脱贫人口（按脱贫户台账）',
      measures: ['households', 'people', 'peopleInWork', 'averageNetIncome', 'averageNetIncomeGrowth',
        'householdsBelowThreshold', 'householdsIncomeFell', 'relocatedHouseholds'] },
    { field: 'microcredit', figure: 'microcreditFigures', heading: '脱贫人口小额信贷（截至年末累计）',
      measures: ['loans', 'issued', 'issuedInPeriod', 'outstandingBalance', 'overdueBalance'] },
    { field: 'training', figure: 'trainingFigures', heading: '脱贫人口培训',
      measures: ['peopleTrained', 'yuluPlanStudents', 'yuluPlanSubsidy'] },
    { field: 'publicWelfareJobs', figure: 'publicWelfareJobFigures', heading: '公益性岗位（年内在岗）',
      measures: ['jobs', 'households'] },
    { field: 'relocation', figure: 'relocationFigures', heading: '易地搬迁后续扶持（按安置社区）',
      measures: ['communities', 'households', 'people', 'peopleInWork', 'householdsSupported'] }
  ] },
  { heading: '七、乡村治理和村集体经济', parts: [
    { field: 'villages', figure: 'villageFigures', heading: '村(社区)（法律顾问为年末在岗）',
      measures: ['villages', 'relocationCommunities', 'villagesWithLegalAdviser', 'villagesWithPlanCompiled',
        'villagesWithIncomeOver100k', 'collectiveIncome', 'averageCollectiveIncome'] },
    { field: 'villageConstruction', figure: 'projectFigures', heading: '乡村建设项目（实施中和已完工，各类资金）',
      measures: ['projects', 'planned', 'spent', 'beneficiaryHouseholds'] }
  ] },
  { heading: '八、下一年度项目库', parts: [
    { field: 'nextYearPipeline', figure: 'projectFigures', heading: (year) => (year + 1) + '年项目库（对比列为' + year + '年项目库）',
      measures: ['projects', 'planned'] }
  ] }
];

const state = { catalog: null, units: {}, request: 0 };

const count = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0 });

function element(id) {
  return document.getElementById(id);
}

function lastFullYear() {
  return new Date().getFullYear() - 1;
}

// The one document of a report: the year and the year before, aliased, with exactly the
// numbers the layout shows.
function reportDocument() {
  const selections = SECTIONS.flatMap((section) => section.parts).map((part) =>
    part.field + ' { ' + part.measures.join(' ') + ' } ' + (part.extra || []).map((extra) => extra.field).join(' '));
  return 'query AnnualReport($year: Int!, $previous: Int!) { current: annualReport(year: $year) { ...report '
    + 'headlines { figure name unit unitName value agreesWithPublished hasSource published { wording } } '
    + 'checks { figure follows statement } } '
    + 'previous: annualReport(year: $previous) { ...report } } '
    + 'fragment report on AnnualReport { year asOf ' + selections.join(' ') + ' }';
}

const CONTEXT_DOCUMENT = `query ReportContext($years: FigureFilter!, $linkage: [FundSource!]) {
  me { user { displayName roles { role city { name } county { name } town { name } unit { name } } }
    postedVillages { name } }
  years: fundFigures(filter: $years, sources: $linkage, groupBy: [YEAR]) { groups { keys { value } spent } }
  figureCatalog { field name measures { field name unit unitName } }
}`;

// Whose figures these are: the areas (or unit) of the user's roles, else the villages of
// a cadre's postings; admins and developers see the whole programme.
function jurisdictionOf(me) {
  const names = [];
  for (const grant of me.user.roles) {
    const place = grant.city || grant.county || grant.town || grant.unit;
    if (place && !names.includes(place.name)) {
      names.push(place.name);
    }
  }
  for (const village of me.postedVillages) {
    if (!names.includes(village.name)) {
      names.push(village.name);
    }
  }
  if (!names.length && me.user.roles.some((grant) => grant.role === 'ADMIN' || grant.role === 'DEVELOPER')) {
    names.push('全部区域');
  }
  return names.join('、');
}

function showStatus(text) {
  element('status').textContent = text;
  element('report').setAttribute('aria-busy', text ? 'true' : 'false');
}

// On any failure the figures go: a report half of one request and half of another, or
// kept after the session ended, would be read as true.
function clearReport(reason) {
  element('sections').replaceChildren();
  element('report-title').textContent = '';
  element('report-meta').textContent = '';
  element('report-notes').textContent = '';
  element('report').hidden = true;
  element('report-error').textContent = reason || '';
}

async function start(displayName) {
  element('who-name').textContent = displayName;
  element('who').hidden = false;
  element('sign-in').hidden = true;
  clearReport('');
  showStatus('正在加载报告年度…');
  try {
    const last = lastFullYear();
    const data = await session.graphql(CONTEXT_DOCUMENT,
      { years: { from: '2000-01-01', to: last + '-12-31' }, linkage: LINKAGE_SOURCES });
    state.catalog = {};
    state.units = {};
    for (const figure of data.figureCatalog) {
      state.catalog[figure.field] = figure;
      for (const measure of figure.measures) {
        state.units[measure.unit] = measure.unitName;
      }
    }
    state.jurisdiction = jurisdictionOf(data.me);
    // a year counts once linkage funds were spent in it: a pipeline of planned projects
    // alone is no year's work to report on
    const years = data.years.groups.filter((group) => fen(group.spent) > 0)
      .map((group) => Number(group.keys[0].value)).filter((year) => year <= last).sort((a, b) => b - a);
    const asked = Number(new URLSearchParams(window.location.search).get('year'));
    // the last full year the programme spent money in; a year in the address wins
    const chosen = (asked >= 2000 && asked <= last + 1) ? asked : (years.length ? years[0] : last);
    if (!years.includes(chosen)) {
      years.push(chosen);
      years.sort((a, b) => b - a);
    }
    const select = element('year');
    select.replaceChildren(...years.map((year) => new Option(year + '年', String(year), false, year === chosen)));
    element('controls').hidden = false;
    await load(chosen);
  } catch (e) {
    fail(e);
  }
}

async function load(year) {
  const request = ++state.request;
  clearReport('');
  showStatus('正在加载' + year + '年报告…');
  try {
    const data = await session.graphql(reportDocument(), { year, previous: year - 1 });
    if (request !== state.request) {
      return;
    }
    render(data.current, data.previous);
    showStatus('');
    const address = new URL(window.location.href);
    address.searchParams.set('year', String(year));
    window.history.replaceState(null, '', address);
  } catch (e) {
    if (request === state.request) {
      fail(e);
    }
  }
}

function fail(e) {
  showStatus('');
  const signedOut = e.code === 'UNAUTHENTICATED' || !session.signedIn();
  clearReport((signedOut ? '登录已失效，报告已清除，请重新登录。' : '报告未能加载，已清除：') + e.message);
  if (signedOut) {
    showSignIn();
  }
}

function showSignIn() {
  element('who').hidden = true;
  element('controls').hidden = true;
  element('sign-in').hidden = false;
}

// ---- numbers -------------------------------------------------------------------------

// Money arrives as exact yuan with two places; held as whole fen so sums and differences
// stay exact.
function fen(money) {
  if (money === null || money === undefined) {
    return null;
  }
  const [whole, part = ''] = String(money).split('.');
  const negative = whole.startsWith('-');
  const value = Math.abs(Number(whole)) * 100 + Number((part + '00').slice(0, 2));
  return negative ? -value : value;
}

// fen in units of `per` fen, to two places, rounded half away from zero
function scaled(value, per) {
  const hundredths = Math.round(Math.abs(value) / (per / 100));
  const text = count.format(Math.floor(hundredths / 100)) + '.' + String(hundredths % 100).padStart(2, '0');
  return (value < 0 && hundredths !== 0) ? '-' + text : text;
}

function signed(text, value) {
  return value > 0 ? '+' + text : text;
}

// How one row of the table reads: its unit, both years' values, the change and the change
// as a share of last year.
function row(unit, current, previous) {
  if (unit === 'RATIO') {
    const percent = (value) => (value === null || value === undefined) ? '—' : (value * 100).toFixed(1) + '%';
    const change = (current === null || current === undefined || previous === null || previous === undefined)
      ? '—' : signed(((current - previous) * 100).toFixed(1), current - previous) + '个百分点';
    return { unit: '%', current: percent(current), previous: percent(previous), change, relative: '—' };
  }
  if (unit === 'YUAN') {
    const now = fen(current);
    const before = fen(previous);
    if (now === null || before === null) {
      return { unit: '元', current: now === null ? '—' : count.format(now / 100),
        previous: before === null ? '—' : count.format(before / 100), change: '—', relative: '—' };
    }
    // both years in one unit, so that they read side by side: 亿元 from a hundred million,
    // yuan below a hundred thousand (a household's income)
    const largest = Math.max(Math.abs(now), Math.abs(before));
    if (largest < 100000 * 100) {
      return { unit: '元', current: count.format(now / 100), previous: count.format(before / 100),
        change: signed(count.format((now - before) / 100), now - before), relative: relative(now, before) };
    }
    const large = largest >= 100000000 * 100;
    const per = large ? 100000000 * 100 : 10000 * 100;
    return { unit: large ? '亿元' : '万元', current: scaled(now, per), previous: scaled(before, per),
      change: signed(scaled(now - before, per), now - before), relative: relative(now, before) };
  }
  return { unit: state.units[unit] || '', current: count.format(current), previous: count.format(previous),
    change: signed(count.format(current - previous), current - previous), relative: relative(current, previous) };
}

function relative(current, previous) {
  if (!previous) {
    return '—';
  }
  const change = (current - previous) / Math.abs(previous) * 100;
  return signed(change.toFixed(1) + '%', change);
}

// ---- the page ------------------------------------------------------------------------

function render(current, previous) {
  const year = current.year;
  const where = state.jurisdiction;
  element('report-title').textContent = (where && where !== '全部区域' ? where : '') + year
    + '年巩固拓展脱贫攻坚成果同乡村振兴有效衔接工作报告（数据）';
  element('report-meta').textContent = '统计范围：' + (where || '—') + '　对比年度：' + (year - 1) + '年　数据截至：'
    + new Date(current.asOf).toLocaleString('zh-CN', { hour12: false });
  const sections = SECTIONS.map((section) => {
    const block = document.createElement('section');
    block.className = 'report-section';
    const heading = document.createElement('h2');
    heading.textContent = section.heading;
    const table = document.createElement('table');
    const head = document.createElement('thead');
    const header = document.createElement('tr');
    for (const [text, className] of [['指标', 'name'], ['单位', 'unit'], [year + '年', 'number'],
      [(year - 1) + '年', 'number'], ['增减', 'number'], ['同比', 'number']]) {
      const cell = document.createElement('th');
      cell.scope = 'col';
      cell.className = className;
      cell.textContent = text;
      header.append(cell);
    }
    head.append(header);
    const body = document.createElement('tbody');
    for (const part of section.parts) {
      const figure = state.catalog[part.figure];
      const title = typeof part.heading === 'function' ? part.heading(year) : (part.heading || figure.name);
      const group = document.createElement('tr');
      group.className = 'group';
      const groupCell = document.createElement('th');
      groupCell.colSpan = 6;
      groupCell.scope = 'rowgroup';
      groupCell.textContent = title;
      group.append(groupCell);
      body.append(group);
      const lines = part.measures.map((field) => {
        const measure = figure.measures.find((candidate) => candidate.field === field);
        return { path: part.field + '.' + field, name: measure.name, unit: measure.unit,
          current: current[part.field][field], previous: previous[part.field][field] };
      }).concat((part.extra || []).map((extra) => ({ path: extra.field, name: extra.name, unit: extra.unit,
        current: current[extra.field], previous: previous[extra.field] })));
      for (const line of lines) {
        body.append(tableRow(line));
      }
    }
    table.append(head, body);
    block.append(heading, table);
    return block;
  });
  element('sections').replaceChildren(...sections, headlineSection(current), checkSection(current));
  element('report-notes').textContent = '注：监测户、帮扶措施为截至年末的累计数；驻村干部、定点帮扶为年末在岗（在册）数；'
    + '资金和项目按项目所属年度统计，已支出为年末支出记录所载；督帮覆盖范围按当年各轮次去重统计，整改问题为当年销号数；同比为与上年相比的增减幅度，比率的增减以百分点计。'
    + '本页数字由系统按记录实时统计。';
  element('report').hidden = false;
  element('report-error').textContent = '';
}

// The report's headline figures as the records give them beside what the city's report
// published (shown only to those whose report it is), and whether the two agree.
function headlineSection(current) {
  const block = document.createElement('section');
  block.className = 'report-section';
  block.id = 'headlines';
  const heading = document.createElement('h2');
  heading.textContent = numeral(SECTIONS.length + 1) + '、报告主要数字与记录核对';
  const table = document.createElement('table');
  const head = document.createElement('thead');
  const header = document.createElement('tr');
  for (const [text, className] of [['指标', 'name'], ['系统统计', 'number'], ['报告公布', 'number'], ['核对', 'unit'],
    ['明细', 'unit screen-only']]) {
    const cell = document.createElement('th');
    cell.scope = 'col';
    cell.className = className;
    cell.textContent = text;
    header.append(cell);
  }
  head.append(header);
  const body = document.createElement('tbody');
  for (const headline of current.headlines) {
    const tr = document.createElement('tr');
    tr.dataset.figure = headline.figure;
    const name = document.createElement('th');
    name.scope = 'row';
    name.className = 'name';
    name.textContent = headline.name;
    const verdict = headline.value === null ? '尚无记录'
      : headline.agreesWithPublished === null ? '—' : headline.agreesWithPublished ? '相符' : '不符';
    tr.append(name);
    for (const [column, className, text] of [
      ['records', 'number', headline.value === null ? '尚无记录' : headlineValue(headline)],
      ['published', 'number', headline.published ? headline.published.wording : '—'],
      ['verdict', 'unit', verdict]]) {
      const cell = document.createElement('td');
      cell.className = className + (column === 'verdict' && verdict === '不符' ? ' differs' : '');
      cell.dataset.column = column;
      cell.textContent = text;
      tr.append(cell);
    }
    const records = document.createElement('td');
    records.className = 'unit screen-only';
    if (headline.hasSource) {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = '下载';
      button.title = '下载' + headline.name + '所统计的全部记录（Excel）';
      button.addEventListener('click', () => downloadSource(current.year, headline, button));
      records.append(button);
    }
    tr.append(records);
    body.append(tr);
  }
  table.append(head, body);
  block.append(heading, table);
  return block;
}

const SOURCE_DOCUMENT = `query ReportSource($year: Int!, $figure: ReportFigure!) {
  reportSource(year: $year, figure: $figure, first: 100) {
    edges { node { recordId name countyName townName villageName counted } } } }`;

// The records behind a headline, as a workbook: the service pages through the whole list
// and names the file.
async function downloadSource(year, headline, button) {
  const error = element('report-error');
  error.textContent = '';
  button.disabled = true;
  try {
    const response = await fetch('/exports?format=xlsx', { method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Accept-Language': 'zh-CN',
        Authorization: 'Bearer ' + await session.accessToken() },
      body: JSON.stringify({ query: SOURCE_DOCUMENT, variables: { year, figure: headline.figure } }) });
    if (!response.ok) {
      const body = await response.json().catch(() => null);
      error.textContent = '明细下载失败：' + (body && body.errors ? body.errors[0].message : response.status);
      return;
    }
    const match = /filename\*=UTF-8''([^;]+)/i.exec(response.headers.get('Content-Disposition') || '');
    const link = document.createElement('a');
    link.href = URL.createObjectURL(await response.blob());
    link.download = match ? decodeURIComponent(match[1]) : year + '年' + headline.name + '明细.xlsx';
    link.click();
    URL.revokeObjectURL(link.href);
  } catch (e) {
    error.textContent = '明细下载失败：' + e.message;
  } finally {
    button.disabled = false;
  }
}

// A section's number as the report writes it: 一 to 二十.
function numeral(n) {
  const digits = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
  return n < 10 ? digits[n] : (n < 20 ? '十' : '二十') + digits[n % 10];
}

// A headline's value from the records, in the units the report words it in.
function headlineValue(headline) {
  if (headline.unit === 'RATIO') {
    return (headline.value * 100).toFixed(1) + '%';
  }
  if (headline.unit === 'YUAN') {
    return headline.value >= 100000000 ? (headline.value / 100000000).toFixed(2) + '亿元'
      : headline.value >= 10000 ? (headline.value / 10000).toFixed(2) + '万元' : count.format(headline.value) + '元';
  }
  return count.format(headline.value) + headline.unitName;
}

// The report's shares checked against its own totals, each in words with both numbers.
function checkSection(current) {
  const block = document.createElement('section');
  block.className = 'report-section';
  block.id = 'checks';
  const heading = document.createElement('h2');
  heading.textContent = numeral(SECTIONS.length + 2) + '、报告自身数字核对';
  const list = document.createElement('ul');
  for (const check of current.checks) {
    const item = document.createElement('li');
    item.dataset.figure = check.figure;
    item.className = check.follows ? 'follows' : 'differs';
    item.textContent = check.statement;
    list.append(item);
  }
  if (!current.checks.length) {
    const item = document.createElement('li');
    item.textContent = '本年度未录入报告公布的数字，或统计范围不是全市，无可核对的比例。';
    list.append(item);
  }
  block.append(heading, list);
  return block;
}

function tableRow(line) {
  const shown = row(line.unit, line.current, line.previous);
  const tr = document.createElement('tr');
  tr.dataset.field = line.path;
  const name = document.createElement('th');
  name.scope = 'row';
  name.className = 'name';
  name.textContent = line.name;
  tr.append(name);
  for (const [column, className] of [['unit', 'unit'], ['current', 'number'], ['previous', 'number'],
    ['change', 'number'], ['relative', 'number']]) {
    const cell = document.createElement('td');
    cell.className = className;
    cell.dataset.column = column;
    cell.textContent = shown[column];
    tr.append(cell);
  }
  return tr;
}

async function signIn(event) {
  event.preventDefault();
  const error = element('sign-in-error');
  error.textContent = '';
  try {
    const name = await session.signIn(element('username').value, element('password').value, '年度报告网页');
    element('password').value = '';
    await start(name);
  } catch (e) {
    error.textContent = e.message;
  }
}

session.onSignedOut((reason) => {
  state.request++;
  showStatus('');
  clearReport(reason === null ? '' : '登录已失效，报告已清除，请重新登录。' + reason);
  showSignIn();
});

element('sign-in').addEventListener('submit', signIn);
element('sign-out').addEventListener('click', () => session.signOut());
element('year').addEventListener('change', (event) => load(Number(event.target.value)));
element('print').addEventListener('click', () => window.print());
