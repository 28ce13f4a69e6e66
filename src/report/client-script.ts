import { formatCount, formatMs, formatNumber, formatPercent, formatPercentileTick, formatRps } from './format-values.js';

/**
 * The page script, as plain ES5-style JavaScript. It reads the chart specs
 * from `#caplab-charts` and turns each into a chart.js chart, adding what
 * JSON cannot carry: tick and tooltip formatters (the same functions the
 * console uses, embedded by source), fill patterns, bar labels and legend
 * styles. It sets `data-charts-ready` on <body> when every chart is drawn,
 * and reports a chart that fails with `console.error`.
 */
const RUNTIME = String.raw`
(function () {
  'use strict';
  var FORMATS = { ms: formatMs, count: formatCount, number: formatNumber, rps: formatRps,
    percent: formatPercent, percentile: formatPercentileTick, workers: function (v) { return String(v); } };
  // Ticks leave the unit to the axis title where it would repeat on every label.
  var TICK_FORMATS = Object.assign({}, FORMATS, { rps: formatNumber });
  var specs = JSON.parse(document.getElementById('caplab-charts').textContent || '[]');
  var charts = [];
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.font.size = 12;
  Chart.defaults.color = '#222222';
  Chart.defaults.borderColor = '#e3e3e3';

  function makePattern(kind, color) {
    var size = 8;
    var tile = document.createElement('canvas');
    tile.width = size;
    tile.height = size;
    var g = tile.getContext('2d');
    g.fillStyle = color;
    g.fillRect(0, 0, size, size);
    g.strokeStyle = 'rgba(255,255,255,0.9)';
    g.fillStyle = 'rgba(255,255,255,0.9)';
    g.lineWidth = 1.5;
    g.beginPath();
    if (kind === 'dots') {
      g.arc(size / 2, size / 2, 1.7, 0, Math.PI * 2);
      g.fill();
    } else {
      g.moveTo(0, size); g.lineTo(size, 0);
      g.moveTo(-size / 2, size / 2); g.lineTo(size / 2, -size / 2);
      g.moveTo(size / 2, size * 1.5); g.lineTo(size * 1.5, size / 2);
      if (kind === 'crosshatch') {
        g.moveTo(0, 0); g.lineTo(size, size);
        g.moveTo(-size / 2, size / 2); g.lineTo(size / 2, size * 1.5);
        g.moveTo(size / 2, -size / 2); g.lineTo(size * 1.5, size / 2);
      }
      g.stroke();
    }
    return g.createPattern(tile, 'repeat');
  }

  function applyPatterns(spec, datasets) {
    var patterns = spec.patterns || {};
    Object.keys(patterns).forEach(function (key) {
      var ds = datasets[Number(key)];
      var p = patterns[key];
      if (!ds) return;
      var base = ds.backgroundColor;
      if (Array.isArray(p)) {
        ds.backgroundColor = p.map(function (kind, j) {
          var c = Array.isArray(base) ? base[j] : base;
          return kind ? makePattern(kind, c) : c;
        });
      } else {
        ds.backgroundColor = makePattern(p, base);
      }
    });
  }

  function fmt(spec, scaleId) {
    return FORMATS[(spec.formats || {})[scaleId]] || null;
  }

  function percentileTicks(axis) {
    var ticks = [{ value: 1 }];
    for (var v = 2; v <= axis.max * 1.000001; v = v === 2 ? 10 : v * 10) ticks.push({ value: v });
    axis.ticks = ticks;
  }

  function isRoundLogTick(v) {
    var m = v / Math.pow(10, Math.floor(Math.log10(v) + 1e-9));
    return Math.abs(m - 1) < 1e-6 || Math.abs(m - 2) < 1e-6 || Math.abs(m - 5) < 1e-6;
  }

  function applyScales(spec, options) {
    var scales = options.scales || {};
    Object.keys(scales).forEach(function (id) {
      var kind = (spec.formats || {})[id];
      var f = TICK_FORMATS[kind];
      if (!f) return;
      var scale = scales[id];
      var log = scale.type === 'logarithmic' && kind !== 'percentile';
      scale.ticks = Object.assign({}, scale.ticks, { callback: function (value) {
        var v = Number(value);
        return log && !isRoundLogTick(v) ? '' : f(v);
      } });
      if (kind === 'percentile') scale.afterBuildTicks = percentileTicks;
    });
  }

  // chart.js calls a category scale's grid colour with the tick's index for
  // the line before that tick (bar charts offset grid lines between rows).
  function applyGroups(spec, options) {
    var groups = spec.groupStarts || {};
    Object.keys(groups).forEach(function (id) {
      var scale = options.scales && options.scales[id];
      if (!scale) return;
      var starts = groups[id];
      var starting = function (ctx) { return ctx.type === 'tick' && starts.indexOf(ctx.index) !== -1; };
      scale.grid = Object.assign({}, scale.grid, {
        color: function (ctx) { return starting(ctx) ? '#8a8a8a' : Chart.defaults.borderColor; },
        lineWidth: function (ctx) { return starting(ctx) ? 1.5 : 1; }
      });
    });
  }

  function applyTooltips(spec, options) {
    var tips = spec.tooltips || {};
    var indexAxis = options.indexAxis || 'x';
    var valueAxis = indexAxis === 'x' ? 'y' : 'x';
    var valueFmt = fmt(spec, valueAxis) || formatNumber;
    var indexFmt = fmt(spec, indexAxis);
    options.plugins.tooltip.callbacks = {
      title: function (items) {
        if (!items.length || tips[items[0].datasetIndex]) return '';
        var it = items[0];
        if (!indexFmt) return it.label;
        var prefix = spec.formats[indexAxis] === 'percentile' ? 'percentile ' : 'at ';
        return prefix + indexFmt(it.parsed[indexAxis]);
      },
      label: function (it) {
        var list = tips[it.datasetIndex];
        if (list && list[it.dataIndex] !== undefined) return String(list[it.dataIndex]).split('\n');
        var custom = it.parsed._custom;
        if (custom && typeof custom === 'object' && 'start' in custom) {
          return it.dataset.label + ': ' + valueFmt(custom.start) + ' to ' + valueFmt(custom.end);
        }
        return it.dataset.label + ': ' + valueFmt(it.parsed[valueAxis]);
      }
    };
  }

  function legendLabels(chart) {
    var items = Chart.defaults.plugins.legend.labels.generateLabels(chart);
    items.forEach(function (item) {
      var ds = chart.data.datasets[item.datasetIndex];
      if ((ds.type || chart.config.type) === 'line' && !ds.fill) {
        item.pointStyle = 'line';
        item.strokeStyle = ds.borderColor;
        item.lineWidth = 2.5;
        item.lineDash = ds.borderDash || [];
      } else {
        item.pointStyle = 'rect';
        item.lineWidth = 0;
      }
    });
    return items;
  }

  var barLabels = {
    id: 'caplabBarLabels',
    afterDatasetsDraw: function (chart, args, options) {
      var labels = options.labels || {};
      var ctx = chart.ctx;
      var horizontal = chart.options.indexAxis === 'y';
      var area = chart.chartArea;
      ctx.save();
      ctx.font = '600 11px ' + Chart.defaults.font.family;
      ctx.textBaseline = 'middle';
      Object.keys(labels).forEach(function (key) {
        var meta = chart.getDatasetMeta(Number(key));
        var set = labels[key];
        if (!chart.isDatasetVisible(Number(key))) return;
        var lastRight = {};
        meta.data.forEach(function (bar, j) {
          var text = set.texts[j];
          if (!text) return;
          var p = bar.getProps(['x', 'y', 'base'], true);
          var w = ctx.measureText(text).width;
          var tx, ty;
          if (horizontal) {
            var left = Math.min(p.x, p.base), right = Math.max(p.x, p.base);
            var fits = right - left >= w + 8;
            if (!fits && !set.outside) return;
            tx = fits ? (left + right - w) / 2 : right + 3;
            ty = p.y;
            var row = String(Math.round(p.y));
            if (tx < (row in lastRight ? lastRight[row] : -Infinity) + 4 || tx + w > area.right) return;
            lastRight[row] = tx + w;
          } else {
            tx = Math.max(area.left, Math.min(area.right - w, p.x - w / 2));
            ty = Math.max(area.top + 8, Math.min(p.y, p.base) - 10);
          }
          ctx.fillStyle = 'rgba(255,255,255,0.92)';
          ctx.fillRect(tx - 2, ty - 7, w + 4, 14);
          ctx.fillStyle = '#111111';
          ctx.fillText(text, tx, ty);
        });
      });
      ctx.restore();
    }
  };

  specs.forEach(function (spec) {
    var canvas = document.getElementById(spec.id);
    if (!canvas) return;
    try {
      var config = JSON.parse(JSON.stringify(spec.config));
      var options = config.options;
      options.responsive = true;
      options.maintainAspectRatio = false;
      options.animation = false;
      options.plugins = options.plugins || {};
      options.plugins.tooltip = options.plugins.tooltip || {};
      options.plugins.legend = Object.assign({}, options.plugins.legend, {
        labels: { usePointStyle: true, pointStyleWidth: 34, generateLabels: legendLabels }
      });
      options.plugins.caplabBarLabels = { labels: spec.barLabels || {} };
      applyPatterns(spec, config.data.datasets);
      applyScales(spec, options);
      applyGroups(spec, options);
      applyTooltips(spec, options);
      config.plugins = [barLabels];
      charts.push(new Chart(canvas, config));
    } catch (err) {
      console.error('caplab: chart ' + spec.id + ' failed: ' + (err && err.message));
      canvas.parentNode.insertAdjacentHTML('beforeend', '<p class="missing">This chart could not be drawn.</p>');
    }
  });
  function resizeAll() { charts.forEach(function (c) { c.resize(); }); }
  window.addEventListener('beforeprint', resizeAll);
  window.addEventListener('afterprint', resizeAll);
  document.body.setAttribute('data-charts-ready', String(charts.length));
})();
`;

/**
 * The complete page script: the shared formatters (by source, so the page
 * formats exactly as the console does) followed by the chart runtime.
 */
export function clientScript(): string {
  const shared = [formatMs, formatNumber, formatRps, formatPercent, formatPercentileTick, formatCount].map((f) => f.toString());
  return `${shared.join('\n')}\n${RUNTIME}`;
}
