// Entities of a schema: filters on state fields, sort and keyset paging, all in the query API's own syntax, which
// the page keeps in its address (#/entities/ticket?state.status=open&sort=-updatedAt) so a view can be shared.

import {h, table, link, formatTime, uniqueId} from '../dom.js';
import {accountPath, get} from '../api.js';
import {account} from '../session.js';
import {SCALAR, labelOf, renderValue} from '../values.js';
import {navigate, loadSchema, listSchemas, creatingAction} from '../page.js';

const OPTIONS = new Set(['sort', 'limit', 'after']);
const OPERATORS = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'nin', 'exists', 'prefix'];
const META = ['id', 'version', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy'];

export async function render(ctx) {
  const [schemaId] = ctx.params;
  if (!schemaId) return picker(ctx);
  const schema = await loadSchema(account(), schemaId, null, ctx.signal);
  const query = ctx.query;
  const path = `${accountPath(account(), 'entities', schemaId)}${query.toString() ? `?${query}` : ''}`;
  const page = await get(path, {signal: ctx.signal});
  const columns = Object.entries(schema.fields || {}).filter(([, s]) => SCALAR.has(s.type)).slice(0, 4);
  const create = creatingAction(schema);
  const e = encodeURIComponent(schemaId);

  return h('section', {},
    h('h1', {}, `Entities of ${schemaId}`),
    h('div', {class: 'actions'},
      create ? h('a', {class: 'button', href: `#/run/${e}/${encodeURIComponent(create[0])}`}, `New ${schemaId}`) : null,
      link(`#/schemas/${e}`, 'The schema')),
    filterForm(schemaId, schema, query),
    h('p', {class: 'hint'}, 'The request: ', h('code', {}, `GET ${decodeURIComponent(path)}`)),
    page.items.length === 0 ? h('p', {id: 'no-entities'}, 'No entities match.')
      : table(`${page.items.length} entit${page.items.length === 1 ? 'y' : 'ies'}${query.get('after') ? ' (a later page)'
        : ''}`,
      [{label: 'id'}, {label: 'version', className: 'num'}, ...columns.map(([n, s]) => ({label: labelOf(n, s)})),
        {label: 'updated'}, {label: 'by'}],
      page.items.map(item => [
        link(`#/entities/${e}/${encodeURIComponent(item.id)}`, item.id),
        String(item.version),
        ...columns.map(([n, s]) => renderValue(item.state[n], s, n)),
        formatTime(item.updatedAt),
        h('code', {}, item.updatedBy),
      ]), {id: 'entity-list'}),
    h('nav', {class: 'actions', 'aria-label': 'Pages'},
      query.get('after') ? link(`#/entities/${e}?${without(query, 'after')}`, 'First page') : null,
      page.next ? link(`#/entities/${e}?${withParam(query, 'after', page.next)}`, 'Next page') : null));
}

async function picker(ctx) {
  const schemas = await listSchemas(account(), ctx.signal);
  return h('section', {},
    h('h1', {}, 'Entities'),
    h('p', {class: 'lead'}, 'Pick a schema to list its entities.'),
    h('ul', {id: 'schema-picker'}, schemas.map(s => h('li', {},
      link(`#/entities/${encodeURIComponent(s.schemaId)}`, s.schemaId),
      s.description ? h('span', {class: 'muted'}, ` — ${s.description}`) : null))));
}

/** Known filter paths: the state's scalar fields (and those of its objects), and the metadata. */
function filterPaths(schema) {
  const paths = [];
  const walk = (fields, prefix) => {
    for (const [name, spec] of Object.entries(fields || {})) {
      if (SCALAR.has(spec.type)) paths.push(`${prefix}${name}`);
      else if (spec.type === 'object' && spec.fields) walk(spec.fields, `${prefix}${name}.`);
      else if (spec.type === 'map') paths.push(`${prefix}${name}.`);
    }
  };
  walk(schema.fields, 'state.');
  return [...paths, ...META];
}

function filterForm(schemaId, schema, query) {
  const listId = uniqueId('paths');
  const rows = h('div', {class: 'filters'});
  const addRow = (path = '', op = 'eq', value = '') => {
    const pathId = uniqueId('path');
    const opId = uniqueId('op');
    const valueId = uniqueId('value');
    const row = h('div', {class: 'row filter'},
      h('div', {class: 'field'}, h('label', {for: pathId}, 'Field'),
        h('input', {id: pathId, type: 'text', list: listId, value: path, class: 'filter-path', autocomplete: 'off'})),
      h('div', {class: 'field'}, h('label', {for: opId}, 'Operator'),
        h('select', {id: opId, class: 'filter-op'}, OPERATORS.map(o => h('option', {value: o, selected: o === op}, o)))),
      h('div', {class: 'field'}, h('label', {for: valueId}, 'Value'),
        h('input', {id: valueId, type: 'text', value, class: 'filter-value', autocomplete: 'off'})),
      h('button', {type: 'button', class: 'secondary', onclick: () => row.remove()}, 'Remove'));
    rows.append(row);
    return row;
  };
  for (const [key, value] of query) {
    if (OPTIONS.has(key)) continue;
    const m = /^(.*?)(?:\[(\w+)\])?$/.exec(key);
    addRow(m[1], m[2] || 'eq', value);
  }
  if (!rows.children.length) addRow();
  const sortId = uniqueId('sort');
  const limitId = uniqueId('limit');
  const sort = query.get('sort') || '';
  const sortable = filterPaths(schema).filter(p => !p.endsWith('.'));
  const form = h('form', {class: 'panel', 'aria-label': 'Filters', onsubmit: event => {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const row of rows.querySelectorAll('.filter')) {
      const path = row.querySelector('.filter-path').value.trim();
      const op = row.querySelector('.filter-op').value;
      if (!path) continue;
      next.append(op === 'eq' ? path : `${path}[${op}]`, row.querySelector('.filter-value').value);
    }
    const s = form.querySelector(`#${sortId}`).value;
    if (s) next.set('sort', s);
    const l = form.querySelector(`#${limitId}`).value;
    if (l) next.set('limit', l);
    navigate(`#/entities/${encodeURIComponent(schemaId)}${next.toString() ? `?${next}` : ''}`);
  }},
  h('datalist', {id: listId}, filterPaths(schema).map(p => h('option', {value: p}))),
  rows,
  h('div', {class: 'row'},
    h('button', {type: 'button', class: 'secondary', onclick: () => addRow().querySelector('input').focus()},
      'Add a filter'),
    h('div', {class: 'field'}, h('label', {for: sortId}, 'Sort by'),
      h('select', {id: sortId},
        h('option', {value: ''}, 'id (default)'),
        sortable.flatMap(p => [h('option', {value: p, selected: sort === p}, `${p} ↑`),
          h('option', {value: `-${p}`, selected: sort === `-${p}`}, `${p} ↓`)]))),
    h('div', {class: 'field'}, h('label', {for: limitId}, 'Per page'),
      h('select', {id: limitId}, ['', '10', '25', '100', '500'].map(n =>
        h('option', {value: n, selected: (query.get('limit') || '') === n}, n || '50 (default)')))),
    h('button', {type: 'submit'}, 'Apply')));
  return form;
}

function without(query, name) {
  const copy = new URLSearchParams(query);
  copy.delete(name);
  return copy.toString();
}

function withParam(query, name, value) {
  const copy = new URLSearchParams(query);
  copy.set(name, value);
  return copy.toString();
}
