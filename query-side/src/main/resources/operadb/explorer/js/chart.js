// A small SVG line chart, with the same figures in a table for screen readers and exact values.

import {h, svg, table} from './dom.js';

const WIDTH = 640;
const HEIGHT = 220;
const PAD = {left: 64, right: 16, top: 16, bottom: 34};
const COLOURS = ['#0b5cad', '#c2410c', '#1a7f37', '#8250df', '#b3261e', '#57606a'];

/**
 * series: [{label, points: [{x, y, text}]}] where x is a version and y a Number (text: the exact value).
 */
export function lineChart(title, series, xLabel) {
  const all = series.flatMap(s => s.points);
  if (all.length === 0) return null;
  const xs = all.map(p => p.x);
  const ys = all.map(p => p.y);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  let [y0, y1] = [Math.min(0, ...ys), Math.max(...ys)];
  if (y0 === y1) y1 = y0 + 1;
  const sx = x => PAD.left + (x1 === x0 ? 0.5 : (x - x0) / (x1 - x0)) * (WIDTH - PAD.left - PAD.right);
  const sy = y => HEIGHT - PAD.bottom - ((y - y0) / (y1 - y0)) * (HEIGHT - PAD.top - PAD.bottom);
  const ticks = [y0, (y0 + y1) / 2, y1];

  const chart = svg('svg', {class: 'chart', viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img',
    'aria-label': `${title}: ${series.map(s => s.label).join(', ')} by ${xLabel}`},
  svg('line', {class: 'axis', x1: PAD.left, y1: HEIGHT - PAD.bottom, x2: WIDTH - PAD.right, y2: HEIGHT - PAD.bottom}),
  svg('line', {class: 'axis', x1: PAD.left, y1: PAD.top, x2: PAD.left, y2: HEIGHT - PAD.bottom}),
  ticks.map(t => svg('text', {x: PAD.left - 6, y: sy(t) + 4, 'text-anchor': 'end'}, compact(t))),
  svg('text', {x: sx(x0), y: HEIGHT - 12, 'text-anchor': 'middle'}, String(x0)),
  x1 !== x0 ? svg('text', {x: sx(x1), y: HEIGHT - 12, 'text-anchor': 'middle'}, String(x1)) : null,
  svg('text', {x: (PAD.left + WIDTH - PAD.right) / 2, y: HEIGHT - 2, 'text-anchor': 'middle'}, xLabel),
  series.map((s, i) => {
    const colour = COLOURS[i % COLOURS.length];
    const points = s.points.map(p => `${sx(p.x)},${sy(p.y)}`).join(' ');
    return svg('g', {},
      svg('polyline', {points, fill: 'none', stroke: colour, 'stroke-width': 2}),
      s.points.map(p => svg('circle', {cx: sx(p.x), cy: sy(p.y), r: 3, fill: colour},
        svg('title', {}, `${s.label} at ${xLabel} ${p.x}: ${p.text}`))));
  }));

  const legend = h('ul', {class: 'legend'}, series.map((s, i) =>
    h('li', {}, h('i', {style: `background:${COLOURS[i % COLOURS.length]}`}), s.label)));
  const versions = [...new Set(xs)].sort((a, b) => a - b);
  const figures = h('details', {},
    h('summary', {}, 'The figures'),
    table(null, [{label: xLabel, className: 'num'}, ...series.map(s => ({label: s.label, className: 'num'}))],
      versions.map(v => [String(v), ...series.map(s => {
        const p = s.points.find(q => q.x === v);
        return p ? p.text : '—';
      })])));
  return h('figure', {class: 'chart'}, h('figcaption', {}, title), chart, legend, figures);
}

function compact(n) {
  return Math.abs(n) >= 1e6 ? n.toExponential(2) : String(Math.round(n * 100) / 100);
}
