// One entity: its state, its actions, a version slider that shows the state as it was at any version (time travel,
// ?atVersion=), its numbers over time, and its history as a timeline.

import {h, table, link, formatTime, uniqueId, announce} from '../dom.js';
import {accountPath, get} from '../api.js';
import {account} from '../session.js';
import {renderFields, renderValue, numericFields, labelOf} from '../values.js';
import {lineChart} from '../chart.js';
import {loadSchema, problemBox} from '../page.js';

const CHART_POINTS = 24;
const HISTORY_PAGE = 50;

export async function render(ctx) {
  const [schemaId, id] = ctx.params;
  const path = accountPath(account(), 'entities', schemaId, id);
  const minVersion = ctx.query.get('minVersion');
  const entity = await get(minVersion ? `${path}?minVersion=${encodeURIComponent(minVersion)}` : path,
    {signal: ctx.signal});
  const [schema, latest] = await Promise.all([
    loadSchema(account(), schemaId, entity.schemaVersion, ctx.signal),
    loadSchema(account(), schemaId, null, ctx.signal)]);
  const e = encodeURIComponent(schemaId);
  const runnable = Object.entries(latest.actions || {}).filter(([, a]) => !a.creates);

  const statePanel = h('div', {id: 'state', 'aria-live': 'polite'});
  const stateHeading = h('h2', {id: 'state-heading'}, `Current state (version ${entity.version})`);
  const showState = (shown, atVersion) => {
    stateHeading.textContent = atVersion === entity.version ? `Current state (version ${entity.version})`
      : `State at version ${atVersion} of ${entity.version}`;
    statePanel.replaceChildren(renderFields(shown.state || {}, schema.fields || {}));
    statePanel.dataset.version = String(atVersion);
  };
  showState(entity, entity.version);

  return h('section', {},
    h('p', {class: 'muted'}, link(`#/entities/${e}`, `Entities of ${schemaId}`), ' / '),
    h('h1', {}, `${schemaId} `, h('code', {}, id)),
    table(null, [{label: 'version', className: 'num'}, {label: 'schema version', className: 'num'},
      {label: 'created'}, {label: 'by'}, {label: 'updated'}, {label: 'by'}],
    [[String(entity.version), String(entity.schemaVersion), formatTime(entity.createdAt), h('code', {}, entity.createdBy),
      formatTime(entity.updatedAt), h('code', {}, entity.updatedBy)]], {id: 'entity-meta'}),
    runnable.length ? h('div', {class: 'actions', role: 'group', 'aria-label': 'Actions'},
      runnable.map(([name, action]) => h('a', {class: 'button secondary', title: action.description || null,
        href: `#/run/${e}/${encodeURIComponent(name)}/${encodeURIComponent(id)}`}, `Run ${name}`))) : null,
    entity.version > 1 ? timeTravel(path, entity, showState, ctx) : null,
    stateHeading, statePanel,
    numbersOverTime(path, entity, schema, ctx),
    h('h2', {}, 'History'),
    history(path, schema, latest, ctx));
}

function timeTravel(path, entity, showState, ctx) {
  const id = uniqueId('travel');
  const output = h('output', {for: id, id: `${id}-out`}, `version ${entity.version}`);
  const error = h('div');
  let timer = null;
  const go = async version => {
    output.textContent = `version ${version}`;
    try {
      const shown = version === entity.version ? entity
        : await get(`${path}?atVersion=${version}`, {signal: ctx.signal});
      showState(shown, version);
      error.replaceChildren();
      announce(`Showing the state at version ${version}`);
    } catch (e) {
      if (e.name !== 'AbortError') error.replaceChildren(problemBox(e));
    }
  };
  const slider = h('input', {id, type: 'range', min: 1, max: entity.version, step: 1, value: entity.version,
    'aria-valuetext': `version ${entity.version}`, oninput: () => {
      slider.setAttribute('aria-valuetext', `version ${slider.value}`);
      output.textContent = `version ${slider.value}`;
      clearTimeout(timer);
      timer = setTimeout(() => go(Number(slider.value)), 150);
    }});
  return h('div', {class: 'panel', id: 'time-travel'},
    h('label', {for: id}, h('strong', {}, 'Time travel'), ' — the state as it was at a version, rebuilt from its events'),
    h('div', {class: 'travel'}, slider, output), error);
}

/** The schema's numeric fields, sampled at up to CHART_POINTS versions; only fields that changed are drawn. */
function numbersOverTime(path, entity, schema, ctx) {
  const fields = numericFields(schema);
  if (fields.length === 0 || entity.version < 2) return null;
  const box = h('div', {id: 'numbers-over-time'});
  const step = Math.max(1, Math.ceil(entity.version / CHART_POINTS));
  const versions = [];
  for (let v = 1; v < entity.version; v += step) versions.push(v);
  versions.push(entity.version);
  Promise.all(versions.map(v => (v === entity.version ? Promise.resolve(entity)
    : get(`${path}?atVersion=${v}`, {signal: ctx.signal}))))
    .then(states => {
      const series = fields.map(([name, spec]) => ({
        label: labelOf(name, spec),
        points: states.map((s, i) => ({x: versions[i], text: s.state[name], y: Number(s.state[name])}))
          .filter(p => p.text !== undefined && Number.isFinite(p.y)),
      })).filter(s => new Set(s.points.map(p => p.text)).size > 1);
      if (series.length) box.replaceChildren(h('h2', {}, 'Numbers over time'), lineChart('By version', series, 'version'));
    })
    .catch(() => {});
  return box;
}

function history(path, schema, latest, ctx) {
  const list = h('ol', {class: 'timeline', id: 'history'});
  const more = h('div', {class: 'actions'});
  const load = async after => {
    const page = await get(`${path}/events?limit=${HISTORY_PAGE}${after ? `&after=${encodeURIComponent(after)}` : ''}`,
      {signal: ctx.signal});
    for (const event of page.items) {
      const params = ((latest.actions || {})[event.action] || (schema.actions || {})[event.action] || {}).params || {};
      list.append(h('li', {dataset: {version: String(event.version)}},
        h('div', {}, h('span', {class: 'badge'}, `v${event.version}`), ' ', h('strong', {}, event.action), ' by ',
          h('code', {}, event.actor)),
        h('div', {class: 'when'}, formatTime(event.timestamp), ` · ${event.type} · schema version ${event.schemaVersion}`),
        event.data && Object.keys(event.data).length
          ? h('details', {}, h('summary', {}, 'Data'), renderValue(event.data, {type: 'object', fields: params}))
          : null));
    }
    more.replaceChildren(page.next ? h('button', {type: 'button', class: 'secondary',
      onclick: () => load(page.next)}, 'Later events…') : '');
  };
  load(null).catch(e => { if (e.name !== 'AbortError') more.replaceChildren(problemBox(e)); });
  return h('div', {}, list, more);
}
