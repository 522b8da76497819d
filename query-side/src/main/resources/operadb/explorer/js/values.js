// Shows any entity state by its schema's field specs, with no module-specific code: a map of numbers is a table,
// an object a nested list, a ref a link. Display hints on a field are optional and may be ignored:
//   "label"       the name shown instead of the field's key
//   "description" shown as a hint beside it
//   "format"      "date" (a timestamp's date alone), "code" (monospace), "multiline" (forms: a text area)

import {h, formatTime, table} from './dom.js';

export const NUMERIC = new Set(['integer', 'decimal']);
export const SCALAR = new Set(['string', 'integer', 'decimal', 'boolean', 'timestamp', 'actor', 'ref']);

export function labelOf(name, spec) {
  return (spec && spec.label) || name;
}

export function formatOf(spec) {
  return spec && typeof spec.format === 'string' ? spec.format : null;
}

/** A short description of a field's type and rules, for schema tables. */
export function describeType(spec) {
  if (!spec) return '';
  const parts = [spec.type];
  if (spec.type === 'ref' && spec.schema) parts[0] = `ref → ${spec.schema}`;
  if (spec.type === 'array' && spec.items) parts[0] = `array of ${describeType(spec.items)}`;
  if (spec.type === 'map' && spec.values) parts[0] = `map of ${describeType(spec.values)}`;
  if (spec.type === 'object' && !spec.fields) parts[0] = 'object (free-form)';
  for (const rule of ['min', 'max', 'scale', 'minLength', 'maxLength', 'pattern', 'minItems', 'maxItems']) {
    if (spec[rule] !== undefined) parts.push(`${rule} ${spec[rule]}`);
  }
  if (Array.isArray(spec.enum)) parts.push(`one of ${spec.enum.join(', ')}`);
  if (spec.unique) parts.push('unique');
  return parts.join(' · ');
}

function isNumberLike(value) {
  return typeof value === 'number' || (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value));
}

/** Renders one value; spec may be missing (a value the schema does not declare, e.g. _workflow). */
export function renderValue(value, spec, name = '') {
  if (value === null || value === undefined) return h('span', {class: 'muted'}, '—');
  const type = spec && spec.type;
  if (type === 'timestamp') {
    if (formatOf(spec) === 'date') return h('time', {datetime: value}, new Date(value).toLocaleDateString());
    return formatTime(value);
  }
  if (type === 'ref' && spec.schema) {
    return h('a', {href: `#/entities/${encodeURIComponent(spec.schema)}/${encodeURIComponent(value)}`}, value);
  }
  if (type === 'actor' || formatOf(spec) === 'code') return h('code', {}, value);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return renderArray(value, spec && spec.items, name);
  if (typeof value === 'object') {
    if (type === 'map' || (!spec && looksLikeMap(value))) return renderMap(value, spec && spec.values, name, spec);
    return renderObject(value, spec && spec.fields);
  }
  if (NUMERIC.has(type)) return h('span', {class: 'num'}, String(value));
  return String(value);
}

function looksLikeMap(value) {
  const values = Object.values(value);
  return values.length > 0 && values.every(isNumberLike);
}

function renderArray(items, itemSpec, name) {
  if (items.length === 0) return h('span', {class: 'muted'}, 'none');
  return h('ul', {}, items.map((item, i) => h('li', {}, renderValue(item, itemSpec, `${name}[${i}]`))));
}

/** A map as a two-column table; numbers right-aligned, so a map of balances reads as a ledger. */
function renderMap(map, valueSpec, name, spec) {
  const entries = Object.entries(map).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return h('span', {class: 'muted'}, 'empty');
  const numeric = valueSpec ? NUMERIC.has(valueSpec.type) : entries.every(([, v]) => isNumberLike(v));
  return table(null, [{label: 'key'}, {label: valueSpec && valueSpec.label ? valueSpec.label : 'value',
    className: numeric ? 'num' : undefined}],
  entries.map(([key, value]) => [h('code', {}, key), renderValue(value, valueSpec, `${name}.${key}`)]),
  {class: 'kv', 'aria-label': labelOf(name, spec)});
}

function renderObject(object, fields) {
  return renderFields(object, fields || {});
}

/** The declared fields in schema order, then anything else the state holds. */
export function renderFields(state, fields) {
  const names = [...Object.keys(fields).filter(n => n in state), ...Object.keys(state).filter(n => !(n in fields))];
  if (names.length === 0) return h('span', {class: 'muted'}, 'empty');
  return h('dl', {class: 'state'}, names.map(n => {
    const spec = fields[n];
    return [
      h('dt', {title: spec && spec.description ? spec.description : null, dataset: {field: n}}, labelOf(n, spec)),
      h('dd', {dataset: {field: n}}, renderValue(state[n], spec, n)),
    ];
  }));
}

/** Top-level numeric fields of a schema: what the "numbers over time" chart can draw. */
export function numericFields(schema) {
  return Object.entries(schema.fields || {}).filter(([, spec]) => NUMERIC.has(spec.type));
}
