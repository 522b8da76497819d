// Building DOM nodes. Text always goes in as text nodes, never as HTML: data from the APIs cannot inject markup.

/**
 * h('a', {href: '#/x', class: 'y', onclick: fn}, 'text', child, [more children])
 * Attributes whose value is null, undefined or false are left out; true sets an empty attribute.
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      el.addEventListener(name.slice(2), value);
    } else if (name === 'dataset') {
      Object.assign(el.dataset, value);
    } else if (name === 'value' && 'value' in el) {
      el.value = value;
    } else {
      el.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/** SVG elements need their namespace. */
export function svg(tag, attrs, ...children) {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value !== null && value !== undefined) el.setAttribute(name, String(value));
  }
  append(el, children);
  return el;
}

/**
 * A table in a horizontally scrolling wrapper (narrow screens).
 * columns: [{label, className?}], rows: arrays of cells (strings or nodes).
 */
export function table(caption, columns, rows, attrs = {}) {
  return h('div', {class: 'table-wrap'},
    h('table', attrs,
      caption ? h('caption', {}, caption) : null,
      h('thead', {}, h('tr', {}, columns.map(c => h('th', {scope: 'col', class: c.className}, c.label)))),
      h('tbody', {}, rows.map(row => row instanceof Node ? row
        : h('tr', {}, row.map((cell, i) => h('td', {class: columns[i] && columns[i].className}, cell)))))));
}

export function alertBox(kind, title, ...details) {
  return h('div', {class: kind === 'ok' ? 'alert ok' : 'alert', role: kind === 'ok' ? 'status' : 'alert'},
    h('strong', {}, title), ...details);
}

/** Tells screen readers what happened, without moving the focus. */
export function announce(message) {
  const status = document.getElementById('status');
  status.textContent = '';
  setTimeout(() => { status.textContent = message; }, 50);
}

export function formatTime(iso) {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso);
  return h('time', {datetime: iso, title: iso}, date.toLocaleString());
}

export function link(href, ...children) {
  return h('a', {href}, ...children);
}

let uniqueCounter = 0;
/** An id for label/aria-describedby pairs. */
export function uniqueId(prefix) {
  uniqueCounter += 1;
  return `${prefix}-${uniqueCounter}`;
}
