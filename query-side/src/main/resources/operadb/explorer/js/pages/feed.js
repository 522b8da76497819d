// The account's event feed, newest first, live by polling, filtered by event type and actor.

import {h, link, formatTime, uniqueId} from '../dom.js';
import {accountPath, get} from '../api.js';
import {account} from '../session.js';
import {navigate, problemBox} from '../page.js';
import {pretty} from '../json.js';

const POLL_MS = 2000;
const LIMIT = 50;

export async function render(ctx) {
  const type = ctx.query.get('type') || '';
  const actor = ctx.query.get('actor') || '';
  const params = new URLSearchParams({limit: String(LIMIT)});
  if (type) params.set('type', type);
  if (actor) params.set('actor', actor);
  const path = `${accountPath(account(), 'events')}?${params}`;
  const first = await get(path, {signal: ctx.signal});

  const body = h('tbody');
  const error = h('div', {'aria-live': 'polite'});
  const seen = new Set();
  const show = (items, fresh) => {
    const rows = items.filter(ev => !seen.has(ev.eventId)).map(ev => {
      seen.add(ev.eventId);
      return row(ev, fresh);
    });
    body.prepend(...rows);
    while (body.children.length > LIMIT * 4) body.lastElementChild.remove();
  };
  show(first.items, false);

  const live = h('input', {type: 'checkbox', id: uniqueId('live'), checked: true});
  const status = h('span', {class: 'muted', id: 'feed-status'}, `updated ${new Date().toLocaleTimeString()}`);
  ctx.every(POLL_MS, async () => {
    if (!live.checked) return;
    try {
      const page = await get(path, {signal: ctx.signal});
      show(page.items, true);
      status.textContent = `updated ${new Date().toLocaleTimeString()}`;
      error.replaceChildren();
    } catch (e) {
      if (e.name !== 'AbortError') error.replaceChildren(problemBox(e));
    }
  });

  const typeId = uniqueId('type');
  const actorId = uniqueId('actor');
  const filters = h('form', {class: 'row panel', 'aria-label': 'Filter events', onsubmit: event => {
    event.preventDefault();
    const next = new URLSearchParams();
    const t = document.getElementById(typeId).value.trim();
    const a = document.getElementById(actorId).value.trim();
    if (t) next.set('type', t);
    if (a) next.set('actor', a);
    navigate(`#/feed${next.toString() ? `?${next}` : ''}`);
  }},
  h('div', {class: 'field'}, h('label', {for: typeId}, 'Event type'),
    h('input', {id: typeId, type: 'text', value: type, placeholder: 'ticket.open'})),
  h('div', {class: 'field'}, h('label', {for: actorId}, 'Actor'),
    h('input', {id: actorId, type: 'text', value: actor, placeholder: 'user:alice'})),
  h('button', {type: 'submit'}, 'Filter'),
  h('div', {class: 'field'}, h('label', {for: live.id}, live, ' Live (every 2 s)')),
  status);

  const columns = [{label: 'when'}, {label: 'type'}, {label: 'entity'}, {label: 'version', className: 'num'},
    {label: 'actor'}, {label: 'data'}];
  return h('section', {},
    h('h1', {}, 'Event feed'),
    h('p', {class: 'lead'}, 'Every event of the account, newest first. New ones appear at the top.'),
    filters, error,
    h('div', {class: 'table-wrap'}, h('table', {id: 'feed'},
      h('thead', {}, h('tr', {}, columns.map(c => h('th', {scope: 'col', class: c.className}, c.label)))),
      body)));
}

function row(ev, fresh) {
  const href = `#/entities/${encodeURIComponent(ev.schema)}/${encodeURIComponent(ev.id)}`;
  const data = ev.data && Object.keys(ev.data).length ? JSON.stringify(ev.data) : '';
  return h('tr', {class: fresh ? 'new' : null},
    h('td', {}, formatTime(ev.timestamp)),
    h('td', {}, h('code', {}, ev.type)),
    h('td', {}, link(href, `${ev.schema} ${ev.id}`)),
    h('td', {class: 'num'}, String(ev.version)),
    h('td', {}, h('code', {}, ev.actor)),
    h('td', {}, data.length > 80 ? h('details', {}, h('summary', {}, `${data.slice(0, 60)}…`), h('pre', {},
      pretty(ev.data))) : h('code', {}, data)));
}
