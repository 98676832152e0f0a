// How numbers read: by the unit the schema gives each measure (@label), never guessed from the value.
// Counts get thousands separators, money a scale (元, 万元, 亿元) chosen per column, shares a percentage.
'use strict';

const BangfuFormat = (() => {
  const counts = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0 });
  const decimals = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

  // the scale of a money column: the largest amount decides, so that one column reads in one unit
  function moneyScale(values) {
    const largest = Math.max(0, ...values.filter((v) => v !== null && v !== undefined && v !== '')
      .map((v) => Math.abs(Number(v))));
    if (largest >= 1e8) {
      return { divisor: 1e8, unit: '亿元' };
    }
    if (largest >= 1e4) {
      return { divisor: 1e4, unit: '万元' };
    }
    return { divisor: 1, unit: '元' };
  }

  // A column's head and how its cells read, from its unit (a ValueUnit) and its values.
  function column(name, unit, unitName, values) {
    if (unit === 'YUAN') {
      const scale = moneyScale(values);
      return { head: name + '（' + scale.unit + '）', unit, scaleUnit: scale.unit,
        value: (v) => (v === null || v === undefined || v === '') ? null : Number(v) / scale.divisor,
        text: (v) => (v === null || v === undefined || v === '') ? '—' : decimals.format(Number(v) / scale.divisor) };
    }
    if (unit === 'RATIO') {
      return { head: name + '（%）', unit, scaleUnit: '%',
        value: (v) => (v === null || v === undefined) ? null : Number(v) * 100,
        text: (v) => (v === null || v === undefined) ? '—' : (Number(v) * 100).toFixed(1) + '%' };
    }
    if (unit) {
      return { head: name + '（' + unitName + '）', unit, scaleUnit: unitName,
        value: (v) => (v === null || v === undefined) ? null : Number(v),
        text: (v) => (v === null || v === undefined) ? '—' : counts.format(Number(v)) };
    }
    // text, codes already labelled, dates: as they are
    return { head: name, unit: null, scaleUnit: null,
      value: (v) => v, text: (v) => (v === null || v === undefined) ? '' : String(v) };
  }

  // An axis's labels, in the unit of the measures drawn on it.
  function axisLabel(scaleUnit) {
    if (scaleUnit === '%') {
      return (v) => v + '%';
    }
    if (scaleUnit && scaleUnit.endsWith('元')) {
      return (v) => counts.format(v);
    }
    return (v) => {
      if (Math.abs(v) >= 1e8) {
        return (v / 1e8) + '亿';
      }
      if (Math.abs(v) >= 1e4) {
        return (v / 1e4) + '万';
      }
      return counts.format(v);
    };
  }

  return { column, axisLabel, counts, decimals, moneyScale };
})();
