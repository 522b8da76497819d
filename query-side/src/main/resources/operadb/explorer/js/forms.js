// A form generated from an action's params: one input per param by its type, nested fieldsets for objects, JSON
// for the rest. The browser does not validate (novalidate): the server does, and its errors[].path lands on the
// field it names ("data.title" on the title input).

import {h, uniqueId} from './dom.js';
import {labelOf, formatOf, describeType} from './values.js';
import {RawNumber} from './json.js';

/**
 * Builds the inputs for params under a path prefix ("data"). Returns {element, read(), showErrors(errors)}.
 * read() answers {value, problems}: the data object (empty optional inputs left out) and client-side parse problems
 * (only for text that cannot even be sent, such as JSON that does not parse).
 */
export function paramInputs(params, prefix, {refOptions} = {}) {
  const controls = [];
  const element = h('div', {class: 'params'},
    Object.keys(params || {}).length === 0 ? h('p', {class: 'muted'}, 'This action takes no parameters.') : null,
    Object.entries(params || {}).map(([name, spec]) => control(name, spec, `${prefix}.${name}`, controls, refOptions)));
  return {
    element,
    read: () => readControls(controls),
    controls,
  };
}

function control(name, spec, path, controls, refOptions) {
  if (spec.type === 'object' && spec.fields) {
    const nested = [];
    const box = h('fieldset', {dataset: {path}},
      h('legend', {class: spec.required ? 'required' : null}, labelOf(name, spec)),
      spec.description ? h('p', {class: 'hint'}, spec.description) : null,
      Object.entries(spec.fields).map(([n, s]) => control(n, s, `${path}.${n}`, nested, refOptions)),
      errorSlot(path));
    controls.push({name, path, spec, nested, element: box});
    return box;
  }
  const id = uniqueId('f');
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const input = inputFor(spec, id, refOptions);
  input.setAttribute('aria-describedby', `${hintId} ${errorId}`);
  if (spec.required) input.setAttribute('aria-required', 'true');
  input.dataset.path = path;
  const field = h('div', {class: 'field'},
    h('label', {for: id, class: spec.required ? 'required' : null}, labelOf(name, spec)),
    input,
    input.suggestions || null,
    h('p', {class: 'hint', id: hintId}, [spec.description, hintFor(spec)].filter(Boolean).join(' — ')),
    h('p', {class: 'field-error', id: errorId, dataset: {errorFor: path}}));
  controls.push({name, path, spec, input});
  return field;
}

function errorSlot(path) {
  return h('p', {class: 'field-error', dataset: {errorFor: path}});
}

function hintFor(spec) {
  switch (spec.type) {
    case 'decimal': return `exact decimal, e.g. 12.50 (${describeType(spec)})`;
    case 'integer': return describeType(spec);
    case 'timestamp': return 'date and time (sent as ISO-8601 UTC)';
    case 'actor': return 'an actor id: user:alice, svc:importer or a 0x… address';
    case 'ref': return `the id of a ${spec.schema} entity`;
    case 'array':
      return isScalar(spec.items) ? `one ${spec.items.type} per line` : 'JSON array';
    case 'map': return 'JSON object: {"key": value, …}';
    case 'object': return 'JSON object';
    case 'boolean': return '';
    default: return describeType(spec) === 'string' ? '' : describeType(spec);
  }
}

function isScalar(spec) {
  return spec && ['string', 'integer', 'decimal', 'actor', 'ref', 'timestamp', 'boolean'].includes(spec.type);
}

function inputFor(spec, id, refOptions) {
  if (Array.isArray(spec.enum)) {
    return h('select', {id},
      h('option', {value: ''}, spec.required ? 'choose…' : '(none)'),
      spec.enum.map(v => h('option', {value: String(v)}, String(v))));
  }
  switch (spec.type) {
    case 'boolean':
      return h('select', {id}, h('option', {value: ''}, '(none)'), h('option', {value: 'true'}, 'yes'),
        h('option', {value: 'false'}, 'no'));
    case 'integer':
      return h('input', {id, type: 'text', inputmode: 'numeric', autocomplete: 'off'});
    case 'decimal':
      return h('input', {id, type: 'text', inputmode: 'decimal', autocomplete: 'off'});
    case 'timestamp':
      return h('input', {id, type: 'datetime-local', step: 1});
    case 'ref': {
      const input = h('input', {id, type: 'text', list: `${id}-options`, autocomplete: 'off'});
      input.suggestions = h('datalist', {id: `${id}-options`});
      if (refOptions) {
        refOptions(spec.schema).then(ids => ids.forEach(v => input.suggestions.append(h('option', {value: v}))))
          .catch(() => {});
      }
      return input;
    }
    case 'array':
    case 'map':
    case 'object':
      return h('textarea', {id, rows: 4, spellcheck: 'false'});
    default:
      return formatOf(spec) === 'multiline' || (spec.maxLength && spec.maxLength > 200)
        ? h('textarea', {id, rows: 4}) : h('input', {id, type: 'text', autocomplete: 'off'});
  }
}

function readControls(controls) {
  const value = {};
  const problems = [];
  for (const c of controls) {
    if (c.nested) {
      const inner = readControls(c.nested);
      problems.push(...inner.problems);
      if (Object.keys(inner.value).length > 0) value[c.name] = inner.value;
      continue;
    }
    const text = c.input.value;
    if (text.trim() === '') continue;
    try {
      value[c.name] = convert(text, c.spec);
    } catch (e) {
      problems.push({path: c.path, reason: e.message});
    }
  }
  return {value, problems};
}

/** Text to the JSON the API expects; a value the server must judge is sent as typed, so it can say what is wrong. */
function convert(text, spec) {
  switch (spec.type) {
    case 'integer':
      return /^\s*-?\d+\s*$/.test(text) ? new RawNumber(text.trim()) : text;
    case 'decimal':
      return text.trim();
    case 'boolean':
      return text === 'true' ? true : text === 'false' ? false : text;
    case 'timestamp': {
      const date = new Date(text);
      return Number.isNaN(date.getTime()) ? text : date.toISOString();
    }
    case 'array':
      if (isScalar(spec.items) && !text.trim().startsWith('[')) {
        return text.split('\n').map(s => s.trim()).filter(Boolean)
          .map(s => spec.items.type === 'integer' || spec.items.type === 'boolean' ? convert(s, spec.items) : s);
      }
      return parseJson(text);
    case 'map':
    case 'object':
      return parseJson(text);
    default:
      return text;
  }
}

function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`is not valid JSON (${e.message})`);
  }
}

/**
 * Puts each {path, reason} next to the input it names: the exact path, else its nearest enclosing one ("data.x[2]" on
 * "data.x"). Answers the errors that matched no input, for a list above the form.
 */
export function showFieldErrors(form, errors) {
  form.querySelectorAll('[data-error-for]').forEach(p => { p.textContent = ''; });
  form.querySelectorAll('[aria-invalid]').forEach(i => i.removeAttribute('aria-invalid'));
  const unplaced = [];
  let first = null;
  for (const error of errors) {
    const slot = nearestSlot(form, error.path || '');
    if (!slot) {
      unplaced.push(error);
      continue;
    }
    const exact = slot.dataset.errorFor === error.path;
    const reason = exact ? error.reason : `${error.path.slice(slot.dataset.errorFor.length).replace(/^\./, '')}: ${error.reason}`;
    slot.textContent = slot.textContent ? `${slot.textContent}; ${reason}` : reason;
    const input = form.querySelector(`[data-path="${CSS.escape(slot.dataset.errorFor)}"]`);
    if (input && input.tagName !== 'FIELDSET') {
      input.setAttribute('aria-invalid', 'true');
      first ||= input;
    }
  }
  if (first) first.focus();
  return unplaced;
}

function nearestSlot(form, path) {
  let p = path;
  while (p) {
    const slot = form.querySelector(`[data-error-for="${CSS.escape(p)}"]`);
    if (slot) return slot;
    const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
    p = cut > 0 ? p.slice(0, cut) : '';
  }
  return null;
}
