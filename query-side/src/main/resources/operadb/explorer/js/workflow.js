// A schema's workflow as a diagram of its steps (SVG, laid out in columns by distance from the initial step),
// with the same facts in a table. Drawn here rather than with a diagram library: a few boxes and arrows.

import {h, svg, table} from './dom.js';

const BOX_W = 132;
const BOX_H = 38;
const COL_GAP = 84;
const ROW_GAP = 34;
const MARGIN = 24;

export function workflowDiagram(schema) {
  const workflow = schema.workflow;
  if (!workflow || !workflow.steps) return null;
  const steps = workflow.steps;
  const movers = {};
  for (const [name, action] of Object.entries(schema.actions || {})) {
    if (action.moves) (movers[action.moves] ||= []).push(name);
  }
  const edges = [];
  for (const [to, step] of Object.entries(steps)) {
    for (const from of step.from || []) edges.push({from, to, label: (movers[to] || []).join(', ')});
  }
  const names = [...new Set([workflow.initial, ...Object.keys(steps), ...edges.map(e => e.from)].filter(Boolean))];
  const layer = layers(workflow.initial, names, edges);
  const columns = [];
  for (const n of names) (columns[layer[n]] ||= []).push(n);
  const pos = {};
  columns.forEach((col, c) => col.forEach((n, r) => {
    pos[n] = {x: MARGIN + c * (BOX_W + COL_GAP), y: MARGIN + r * (BOX_H + ROW_GAP)};
  }));
  const rows = Math.max(...columns.map(c => c.length));
  const width = MARGIN * 2 + columns.length * BOX_W + (columns.length - 1) * COL_GAP;
  const height = MARGIN * 2 + rows * BOX_H + (rows - 1) * ROW_GAP + 40;

  const drawing = svg('svg', {class: 'workflow', viewBox: `0 0 ${width} ${height}`, width, role: 'img',
    'aria-label': `Workflow of field ${workflow.field}: ${edges.map(e => `${e.from} to ${e.to}`).join('; ')}`},
  svg('defs', {}, svg('marker', {id: 'arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 7,
    markerHeight: 7, orient: 'auto-start-reverse'}, svg('path', {d: 'M 0 0 L 10 5 L 0 10 z'}))),
  edges.map(e => edge(pos[e.from], pos[e.to], e.label, layer[e.to] <= layer[e.from], height)),
  names.map(n => svg('g', {class: `node${steps[n] && steps[n].final ? ' final' : ''}${n === workflow.initial
    ? ' initial' : ''}`},
  svg('rect', {x: pos[n].x, y: pos[n].y, width: BOX_W, height: BOX_H, rx: 8}),
  svg('text', {x: pos[n].x + BOX_W / 2, y: pos[n].y + BOX_H / 2 + 4, 'text-anchor': 'middle'}, n))));

  const facts = table(`Steps of ${workflow.field}`, [{label: 'step'}, {label: 'from'}, {label: 'by'},
    {label: 'approvals'}, {label: 'final'}, {label: 'moved by action'}],
  Object.entries(steps).map(([name, step]) => [h('code', {}, name), (step.from || []).join(', '),
    (step.by || ['anyone']).join(', '), String(step.approvals ?? 1), step.final ? 'yes' : '',
    (movers[name] || []).join(', ')]));
  return h('div', {class: 'workflow'},
    h('p', {}, 'Field ', h('code', {}, workflow.field), ' starts at ', h('code', {}, workflow.initial || '—'),
      workflow.parties ? [', parties: ', h('code', {}, workflow.parties)] : null, '. Thick border: final step.'),
    h('div', {class: 'table-wrap'}, drawing), facts);
}

/** Column of each step: its shortest distance from the initial step; unreachable ones after the rest. */
function layers(initial, names, edges) {
  const layer = {};
  const queue = initial ? [initial] : [];
  if (initial) layer[initial] = 0;
  while (queue.length) {
    const n = queue.shift();
    for (const e of edges.filter(x => x.from === n && layer[x.to] === undefined)) {
      layer[e.to] = layer[n] + 1;
      queue.push(e.to);
    }
  }
  const last = Math.max(0, ...Object.values(layer));
  for (const n of names) if (layer[n] === undefined) layer[n] = last + 1;
  return layer;
}

function edge(a, b, label, backwards, height) {
  if (!a || !b) return null;
  let d;
  let lx;
  let ly;
  if (!backwards) {
    const [x1, y1, x2, y2] = [a.x + BOX_W, a.y + BOX_H / 2, b.x, b.y + BOX_H / 2];
    const mid = (x1 + x2) / 2;
    d = `M ${x1} ${y1} C ${mid} ${y1}, ${mid} ${y2}, ${x2} ${y2}`;
    [lx, ly] = [mid, (y1 + y2) / 2 - 6];
  } else {
    // a move back (to an earlier step) loops under the boxes
    const [x1, y1, x2, y2] = [a.x + BOX_W / 2, a.y + BOX_H, b.x + BOX_W / 2, b.y + BOX_H];
    const below = Math.min(height - 8, Math.max(y1, y2) + 34);
    d = `M ${x1} ${y1} C ${x1} ${below}, ${x2} ${below}, ${x2} ${y2}`;
    [lx, ly] = [(x1 + x2) / 2, below - 8];
  }
  return svg('g', {},
    svg('path', {class: 'edge', d, 'marker-end': 'url(#arrow)'}),
    label ? svg('text', {class: 'edge-label', x: lx, y: ly, 'text-anchor': 'middle'}, label) : null);
}
