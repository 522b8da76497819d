// The Explorer's shell: a hash router (#/schemas, #/entities/ticket?state.status=open, ...), the header, and the
// life of a page (its timers and requests end when the person goes elsewhere).

import {h, append} from './dom.js';
import {loadConfig} from './api.js';
import {navigate, failure} from './page.js';
import {currentSession, clearSession} from './session.js';
import * as signin from './pages/signin.js';
import * as schemas from './pages/schemas.js';
import * as schema from './pages/schema.js';
import * as entities from './pages/entities.js';
import * as entity from './pages/entity.js';
import * as action from './pages/action.js';
import * as feed from './pages/feed.js';
import * as publish from './pages/publish.js';
import * as operations from './pages/operations.js';

const ROUTES = [
  {pattern: /^signin$/, page: signin, nav: null, open: true},
  {pattern: /^schemas$/, page: schemas, nav: 'schemas'},
  {pattern: /^schemas\/([^/]+)(?:\/(\d+))?$/, page: schema, nav: 'schemas'},
  {pattern: /^entities(?:\/([^/]+))?$/, page: entities, nav: 'entities'},
  {pattern: /^entities\/([^/]+)\/([^/]+)$/, page: entity, nav: 'entities'},
  {pattern: /^run\/([^/]+)\/([^/]+)(?:\/([^/]+))?$/, page: action, nav: 'entities'},
  {pattern: /^feed$/, page: feed, nav: 'feed'},
  {pattern: /^publish$/, page: publish, nav: 'publish'},
  {pattern: /^operations$/, page: operations, nav: 'operations'},
];

let current = null;

/** What a page gets: its path parameters, its query, and timers that stop when the page is left. */
class PageContext {
  constructor(params, query) {
    this.params = params;
    this.query = query;
    this.controller = new AbortController();
    this.timers = [];
  }

  get signal() {
    return this.controller.signal;
  }

  get left() {
    return this.controller.signal.aborted;
  }

  /** Runs fn every ms milliseconds (not while the tab is hidden) until the page is left. */
  every(ms, fn) {
    const timer = setInterval(() => {
      if (!document.hidden && !this.left) fn();
    }, ms);
    this.timers.push(timer);
    return () => clearInterval(timer);
  }

  leave() {
    this.controller.abort();
    this.timers.forEach(clearInterval);
  }
}

async function route() {
  const [path, queryString = ''] = splitOnce(location.hash.replace(/^#\/?/, ''), '?');
  const session = currentSession();
  const match = ROUTES.map(r => ({r, m: r.pattern.exec(path)})).find(x => x.m);
  if (!session && !(match && match.r.open)) {
    location.replace('#/signin');
    return;
  }
  if (!match) {
    location.replace(session ? '#/schemas' : '#/signin');
    return;
  }
  if (current) current.leave();
  const ctx = new PageContext(match.m.slice(1).map(p => (p === undefined ? undefined : decodeURIComponent(p))),
    new URLSearchParams(queryString));
  current = ctx;
  showWho();
  document.querySelectorAll('[data-nav]').forEach(a => {
    if (a.dataset.nav === match.r.nav) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  });
  const view = document.getElementById('view');
  view.setAttribute('aria-busy', 'true');
  let content;
  try {
    content = await match.r.page.render(ctx);
  } catch (e) {
    if (e.name === 'AbortError') return;
    content = failure(e);
  }
  if (ctx !== current) return;
  view.replaceChildren();
  append(view, [content]);
  view.removeAttribute('aria-busy');
  const heading = view.querySelector('h1');
  document.title = `${heading ? heading.textContent : 'OperaDB'} · OperaDB Explorer`;
  view.focus({preventScroll: true});
}

function showWho() {
  const who = document.getElementById('who');
  const session = currentSession();
  who.replaceChildren();
  if (!session) {
    append(who, [h('a', {href: '#/signin'}, 'Sign in')]);
    return;
  }
  append(who, [
    h('span', {}, 'Account ', h('strong', {'data-testid': 'account'}, session.account)),
    session.actor ? h('span', {}, ' as ', h('code', {}, session.actor)) : null,
    h('button', {type: 'button', class: 'secondary', onclick: () => { clearSession(); navigate('#/signin'); }},
      'Sign out'),
  ]);
}

function splitOnce(text, separator) {
  const at = text.indexOf(separator);
  return at < 0 ? [text] : [text.slice(0, at), text.slice(at + 1)];
}

window.addEventListener('hashchange', route);
window.addEventListener('operadb:reload', route);
loadConfig().then(route);
