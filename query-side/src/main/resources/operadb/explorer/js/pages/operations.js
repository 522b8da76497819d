// Operations (admins): the projection processors, a replay (rebuild every read model from the events) with its
// progress, and the dead letters when the query side offers them.

import {h, table, alertBox, formatTime, announce} from '../dom.js';
import {get, postQuery} from '../api.js';
import {problemBox} from '../page.js';

const REPLAY = '/api/admin/replay';
const DEAD_LETTERS = '/api/admin/dead-letters';
const FAST_MS = 1000;
const SLOW_MS = 5000;

export async function render(ctx) {
  const statusBox = h('div', {id: 'replay-status'});
  const messages = h('div', {'aria-live': 'polite'});
  let last = await get(REPLAY, {signal: ctx.signal});
  let stopFast = null;
  // Two pollers (slow, and fast while busy) and the start button ask for the status: their answers can arrive out of
  // order, and an answer to an older request must not draw over a newer one (a finished replay shown in progress)
  let asked = 0;
  let drawn = 0;
  const show = (status, request) => {
    if (request < drawn) return false;
    drawn = request;
    last = status;
    statusBox.replaceChildren(renderStatus(status));
    return true;
  };

  const refresh = async () => {
    const request = ++asked;
    try {
      if (!show(await get(REPLAY, {signal: ctx.signal}), request)) return;
      if (!busy(last) && stopFast) {
        stopFast();
        stopFast = null;
        if (last.lastReplay && last.lastReplay.finished) announce('The replay has finished');
      }
    } catch (e) {
      if (e.name !== 'AbortError') messages.replaceChildren(problemBox(e));
    }
  };
  statusBox.replaceChildren(renderStatus(last));
  ctx.every(SLOW_MS, refresh);
  if (busy(last)) stopFast = ctx.every(FAST_MS, refresh);

  const start = h('button', {type: 'button', id: 'start-replay', onclick: async () => {
    start.disabled = true;
    messages.replaceChildren();
    const request = ++asked;
    try {
      show((await postQuery(REPLAY, undefined, {signal: ctx.signal})).body, request);
      announce('Replay started');
      if (!stopFast) stopFast = ctx.every(FAST_MS, refresh);
    } catch (e) {
      if (e.name !== 'AbortError') messages.replaceChildren(problemBox(e));
    } finally {
      start.disabled = false;
    }
  }}, 'Start a replay');

  return h('section', {},
    h('h1', {}, 'Operations'),
    h('p', {class: 'lead'}, 'Read models are derived from the events and can be rebuilt at any time. '
      + 'A replay rebuilds every read model of every account from the first event.'),
    h('div', {class: 'actions'}, start),
    messages, statusBox,
    await deadLetters(ctx));
}

function busy(status) {
  return status.state === 'replaying' || status.state === 'catching-up';
}

function renderStatus(status) {
  const replay = status.lastReplay;
  const badge = {live: 'ok', replaying: 'warn', 'catching-up': 'warn', stopped: 'bad'}[status.state] || '';
  return h('div', {},
    h('p', {}, 'Projections: ', h('span', {class: `badge ${badge}`, id: 'projection-state'}, status.state)),
    replay ? replayPanel(replay) : h('p', {class: 'muted'}, 'No replay since this query side started.'),
    h('h2', {}, 'Processors'),
    table(null, [{label: 'processor'}, {label: 'running'}, {label: 'replaying'}, {label: 'caught up'},
      {label: 'events handled', className: 'num'}, {label: 'segments: position'}],
    (status.processors || []).map(p => [
      h('code', {}, p.name), yes(p.running), yes(p.replaying), yes(p.caughtUp), String(p.eventsHandled ?? ''),
      h('ul', {}, (p.segments || []).map(s => h('li', {}, `#${s.segment}: ${s.position ?? '—'}`,
        s.error ? h('span', {class: 'badge bad'}, ` error: ${s.error}`) : null))),
    ]), {id: 'processors'}));
}

function replayPanel(replay) {
  const done = Number(replay.eventsDone) || 0;
  const total = Math.max(Number(replay.eventsTotal) || 0, done);
  const percent = total ? Math.floor((done * 100) / total) : 100;
  return h('div', {class: 'panel', id: 'last-replay'},
    h('h2', {}, replay.finished ? 'Last replay: finished' : 'Replay in progress'),
    h('label', {for: 'replay-progress'}, `${done} of ${total} events (${replay.finished ? 100 : percent} %)`),
    h('progress', {id: 'replay-progress', max: total || 1, value: replay.finished ? (total || 1) : done}),
    h('p', {}, `Started `, formatTime(replay.startedAt),
      replay.finished ? [', finished ', formatTime(replay.finishedAt)] : `, about ${replay.secondsLeft} s left`,
      ` · ${replay.eventsPerSecond} events/s`),
    replay.finished ? h('p', {class: 'badge ok', id: 'replay-finished'}, 'finished') : null);
}

function yes(value) {
  return value ? 'yes' : 'no';
}

/** The dead letters panel, shown only when the query side has the endpoint (404 or 405: it has not). */
async function deadLetters(ctx) {
  let body;
  try {
    body = await get(DEAD_LETTERS, {signal: ctx.signal});
  } catch (e) {
    if (e.name === 'AbortError' || [404, 405, 501].includes(e.status)) return null;
    return h('section', {}, h('h2', {}, 'Dead letters'), problemBox(e));
  }
  const items = Array.isArray(body) ? body : body.items || [];
  const messages = h('div', {'aria-live': 'polite'});
  const act = async (item, verb) => {
    try {
      await postQuery(`${DEAD_LETTERS}/${encodeURIComponent(item.id)}/${verb}`, undefined, {signal: ctx.signal});
      messages.replaceChildren(alertBox('ok', `${verb === 'retry' ? 'Retried' : 'Skipped'} ${item.id}.`));
    } catch (e) {
      messages.replaceChildren(problemBox(e));
    }
  };
  const keys = [...new Set(items.flatMap(i => Object.keys(i)))].filter(k => k !== 'id').slice(0, 6);
  return h('section', {id: 'dead-letters'},
    h('h2', {}, `Dead letters (${items.length})`),
    messages,
    items.length === 0 ? h('p', {class: 'muted'}, 'None: every event was applied.')
      : table(null, [{label: 'id'}, ...keys.map(k => ({label: k})), {label: 'actions'}],
        items.map(item => [h('code', {}, String(item.id ?? '')),
          ...keys.map(k => (typeof item[k] === 'object' && item[k] !== null ? JSON.stringify(item[k]) : String(item[k] ?? ''))),
          item.id === undefined ? '' : h('div', {class: 'actions'},
            h('button', {type: 'button', class: 'secondary', onclick: () => act(item, 'retry')}, 'Retry'),
            h('button', {type: 'button', class: 'secondary', onclick: () => act(item, 'skip')}, 'Skip'))])));
}
