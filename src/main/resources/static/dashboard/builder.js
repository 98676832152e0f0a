// The view builder: a leader picks a figure, its numbers, a period, an area, one or two groupings and a
// chart, previews it, and saves and shares it. The query comes from the figure catalog, not from here.
'use strict';

const BangfuBuilder = (() => {
  const form = () => document.getElementById('builder-form');
  const $ = (id) => document.getElementById(id);
  let editing = null;
  let colleagues = [];
  let areas = null;
  let searchTimer = null;

  async function labels(kinds) {
    const data = await graphql('query($kinds: [String!]!) { codeLabels(kinds: $kinds) { kind code name } }',
      { kinds });
    return data.codeLabels;
  }

  async function prepare() {
    $('b-figure').replaceChildren(...state.catalog.map((figure) => option(figure.field, figure.name)));
    const year = new Date().getFullYear();
    $('b-year').replaceChildren(...Array.from({ length: 8 }, (_, i) => option(String(year - i), (year - i) + '年')));
    $('b-month').replaceChildren(...Array.from({ length: 12 }, (_, i) => option(String(i + 1), (i + 1) + '月')));
    if (!areas) {
      const data = await graphql('{ counties { code name towns { code name } } }');
      areas = data.counties;
      const shares = await labels(['role', 'jurisdictionLevel']);
      $('b-roles').replaceChildren(...shares.filter((l) => l.kind === 'role').map((l) => check('b-role', l.code, l.name)));
      $('b-levels').replaceChildren(...shares.filter((l) => l.kind === 'jurisdictionLevel')
        .map((l) => check('b-level', l.code, l.name)));
    }
    $('b-county').replaceChildren(option('', '全部'), ...areas.map((c) => option(c.code, c.name)));
    towns();
  }

  function option(value, text) {
    const element = document.createElement('option');
    element.value = value;
    element.textContent = text;
    return element;
  }

  function check(name, value, text) {
    const label = document.createElement('label');
    label.className = 'check';
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.name = name;
    box.value = value;
    label.append(box, ' ' + text);
    return label;
  }

  function towns() {
    const county = areas.find((c) => c.code === $('b-county').value);
    $('b-town').replaceChildren(option('', '全部'), ...(county ? county.towns.map((t) => option(t.code, t.name)) : []));
  }

  function figure() {
    return figureOf($('b-figure').value);
  }

  // The figure decides which numbers, groupings and period the form offers.
  function figureChanged(chosen) {
    const f = figure();
    $('b-measures').replaceChildren(...f.measures.map((m) => check('b-measure', m.field, m.name + '（' + m.unitName + '）')));
    const wanted = chosen && chosen.length ? chosen : f.measures.slice(0, 3).map((m) => m.field);
    for (const box of form().querySelectorAll('input[name=b-measure]')) {
      box.checked = wanted.includes(box.value);
    }
    const dims = f.dimensions.map((d) => option(d.dimension, d.name));
    $('b-dim1').replaceChildren(...dims);
    $('b-dim2').replaceChildren(option('', '不再分组'), ...f.dimensions.map((d) => option(d.dimension, d.name)));
    $('b-dim2').disabled = f.dimensions.length < 2;
    $('b-period-row').hidden = f.period === 'WINDOW';
    $('b-days-label').hidden = f.period !== 'WINDOW';
    periodChanged();
  }

  function periodChanged() {
    const kind = $('b-period-kind').value;
    $('b-year-label').hidden = kind === 'RANGE';
    $('b-quarter-label').hidden = kind !== 'QUARTER';
    $('b-month-label').hidden = kind !== 'MONTH';
    $('b-from-label').hidden = kind !== 'RANGE';
    $('b-to-label').hidden = kind !== 'RANGE';
  }

  function pad(n) {
    return String(n).padStart(2, '0');
  }

  function lastDay(year, month) {
    return new Date(Date.UTC(year, month, 0)).getUTCDate();
  }

  // The form as the query's variables: a period, an area, the grouping.
  function variables() {
    const f = figure();
    const filter = {};
    if (f.period === 'WINDOW') {
      // coverage is over the last days; the area narrows it
    } else {
      const kind = $('b-period-kind').value;
      const year = Number($('b-year').value);
      if (kind === 'YEAR') {
        filter.year = year;
      } else if (kind === 'QUARTER') {
        const q = Number($('b-quarter').value);
        filter.from = year + '-' + pad(q * 3 - 2) + '-01';
        filter.to = year + '-' + pad(q * 3) + '-' + lastDay(year, q * 3);
      } else if (kind === 'MONTH') {
        const m = Number($('b-month').value);
        filter.from = year + '-' + pad(m) + '-01';
        filter.to = year + '-' + pad(m) + '-' + lastDay(year, m);
      } else {
        if ($('b-from').value) {
          filter.from = $('b-from').value;
        }
        if ($('b-to').value) {
          filter.to = $('b-to').value;
        }
      }
    }
    if ($('b-town').value) {
      filter.townCode = $('b-town').value;
    } else if ($('b-county').value) {
      filter.countyCode = $('b-county').value;
    }
    const groupBy = [$('b-dim1').value];
    if ($('b-dim2').value && $('b-dim2').value !== $('b-dim1').value) {
      groupBy.push($('b-dim2').value);
    }
    const result = { filter, groupBy };
    if (f.period === 'WINDOW') {
      result.days = Number($('b-days').value) || 30;
    }
    return result;
  }

  function measures() {
    return [...form().querySelectorAll('input[name=b-measure]:checked')].map((box) => box.value);
  }

  async function draft() {
    const f = figure();
    const chosen = measures();
    if (!chosen.length) {
      throw new RequestFailure('请至少选择一项要显示的数据。', 'INVALID_INPUT');
    }
    const data = await graphql('query($f: String!, $m: [String!]) { figureCatalog(fields: [$f]) { document(measures: $m) } }',
      { f: f.field, m: chosen });
    return { id: null, name: $('b-name').value.trim() || f.name, description: $('b-description').value,
      document: data.figureCatalog[0].document, variables: variables(), chart: $('b-chart').value,
      recipe: { figure: f.field, measures: chosen } };
  }

  async function preview() {
    $('b-error').textContent = '';
    try {
      const view = await draft();
      view.name = '预览：' + view.name;
      state.current = { view, crumbs: [{ label: view.name, variables: view.variables }] };
      await show();
    } catch (e) {
      $('b-error').textContent = e.message;
    }
  }

  async function save(event) {
    event.preventDefault();
    $('b-error').textContent = '';
    try {
      const view = await draft();
      if (!$('b-name').value.trim()) {
        throw new RequestFailure('请给视图起个名字。', 'INVALID_INPUT');
      }
      const input = { name: view.name, description: view.description, document: view.document,
        variables: view.variables, chart: view.chart, recipe: view.recipe,
        sharedWithRoles: checked('b-role'), sharedWithLevels: checked('b-level'),
        sharedWithUserIds: colleagues.map((c) => c.id) };
      if (editing) {
        input.id = editing.id;
      }
      const data = await graphql(`mutation($input: SaveViewInput!) { saveView(input: $input) {
          view { ${VIEW_FIELDS} } userErrors { message field } } }`, { input });
      if (data.saveView.userErrors.length) {
        $('b-error').textContent = data.saveView.userErrors.map((e) => e.message).join('；');
        return;
      }
      $('builder').hidden = true;
      await listViews();
      openView(data.saveView.view);
    } catch (e) {
      $('b-error').textContent = e.message;
    }
  }

  function checked(name) {
    return [...form().querySelectorAll('input[name=' + name + ']:checked')].map((box) => box.value);
  }

  function search() {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(async () => {
      const text = $('b-colleague-search').value.trim();
      const list = $('b-colleague-results');
      list.replaceChildren();
      if (!text) {
        return;
      }
      try {
        const data = await graphql('query($s: String!) { colleagues(search: $s) { id displayName posts } }', { s: text });
        for (const colleague of data.colleagues) {
          const item = document.createElement('li');
          const add = document.createElement('button');
          add.type = 'button';
          add.className = 'link';
          add.textContent = colleague.displayName + (colleague.posts.length ? '（' + colleague.posts.join('；') + '）' : '');
          add.addEventListener('click', () => {
            if (!colleagues.some((c) => c.id === colleague.id)) {
              colleagues.push(colleague);
            }
            list.replaceChildren();
            $('b-colleague-search').value = '';
            chips();
          });
          item.append(add);
          list.append(item);
        }
        if (!data.colleagues.length) {
          const none = document.createElement('li');
          none.className = 'hint';
          none.textContent = '您的管辖范围内没有叫这个名字的同事。';
          list.append(none);
        }
      } catch (e) {
        $('b-error').textContent = e.message;
      }
    }, 300);
  }

  function chips() {
    $('b-colleagues').replaceChildren(...colleagues.map((colleague) => {
      const chip = document.createElement('li');
      chip.textContent = colleague.displayName + ' ';
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.className = 'link';
      remove.textContent = '移除';
      remove.setAttribute('aria-label', '不再共享给' + colleague.displayName);
      remove.addEventListener('click', () => {
        colleagues = colleagues.filter((c) => c.id !== colleague.id);
        chips();
      });
      chip.append(remove);
      return chip;
    }));
  }

  // Fills the form from a view's recipe and variables.
  function fill(view) {
    $('b-figure').value = view.recipe.figure;
    figureChanged(view.recipe.measures);
    const vars = view.variables || {};
    const filter = vars.filter || {};
    if (filter.year) {
      $('b-period-kind').value = 'YEAR';
      $('b-year').value = String(filter.year);
    } else if (filter.from || filter.to) {
      $('b-period-kind').value = 'RANGE';
      $('b-from').value = filter.from || '';
      $('b-to').value = filter.to || '';
    }
    periodChanged();
    if (vars.days) {
      $('b-days').value = vars.days;
    }
    const town = filter.townCode || '';
    $('b-county').value = filter.countyCode || (town ? town.substring(0, 6) : '');
    towns();
    $('b-town').value = town;
    const groupBy = vars.groupBy || [];
    if (groupBy[0]) {
      $('b-dim1').value = groupBy[0];
    }
    $('b-dim2').value = groupBy[1] || '';
    $('b-chart').value = view.chart || 'BAR';
    $('b-name').value = view.name;
    $('b-description').value = view.description || '';
  }

  async function open(view, asCopy) {
    $('b-error').textContent = '';
    try {
      await prepare();
    } catch (e) {
      failed(e);
      return;
    }
    editing = (view && !asCopy) ? view : null;
    colleagues = [];
    for (const box of form().querySelectorAll('input[type=checkbox]')) {
      box.checked = false;
    }
    if (view && view.recipe) {
      fill(view);
      if (asCopy) {
        $('b-name').value = view.name + '（副本）';
      } else {
        for (const box of form().querySelectorAll('input[name=b-role]')) {
          box.checked = view.sharedWithRoles.includes(box.value);
        }
        for (const box of form().querySelectorAll('input[name=b-level]')) {
          box.checked = view.sharedWithLevels.includes(box.value);
        }
        // only ids come back: the names were chosen when shared
        colleagues = view.sharedWithUserIds.map((id, i) => ({ id, displayName: '已共享的同事' + (i + 1) }));
      }
    } else {
      $('b-figure').selectedIndex = 0;
      figureChanged();
      $('b-name').value = '';
      $('b-description').value = '';
      $('b-chart').value = 'BAR';
    }
    chips();
    $('builder-title').textContent = editing ? '编辑视图' : (asCopy ? '另存为我的视图' : '新建视图');
    $('builder').hidden = false;
    $('builder').scrollIntoView({ behavior: 'smooth' });
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('new-view').addEventListener('click', () => open(null));
    $('b-figure').addEventListener('change', () => figureChanged());
    $('b-period-kind').addEventListener('change', periodChanged);
    $('b-county').addEventListener('change', towns);
    $('b-preview').addEventListener('click', preview);
    $('b-cancel').addEventListener('click', () => { $('builder').hidden = true; });
    $('b-colleague-search').addEventListener('input', search);
    form().addEventListener('submit', save);
  });

  return { edit: (view) => open(view, false), copy: (view) => open(view, true), open };
})();
