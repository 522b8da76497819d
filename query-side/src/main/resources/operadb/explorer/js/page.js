// What every page shares: moving to another page, and showing why a page could not load.

import {h, alertBox} from './dom.js';
import {ApiError, accountPath, get, getText} from './api.js';

/** Goes to a page; the same hash again renders it again (after a change the page shows). */
export function navigate(hash) {
  if (location.hash === hash) window.dispatchEvent(new Event('operadb:reload'));
  else location.hash = hash;
}

/** A page that could not load: what the API said, and a way on. */
export function failure(e) {
  const signInAgain = e instanceof ApiError && e.status === 401;
  return h('section', {},
    h('h1', {}, e instanceof ApiError ? e.title : 'Something went wrong'),
    problemBox(e),
    signInAgain ? h('p', {}, h('a', {href: '#/signin'}, 'Sign in again')) : null);
}

/** An API refusal as an alert: status, detail and any field errors. */
export function problemBox(e, errors = e.errors) {
  const heading = e instanceof ApiError && e.status ? `${e.status} ${e.title}` : 'Error';
  return alertBox('error', heading, h('p', {}, e.message),
    errors && errors.length ? h('ul', {}, errors.map(x => h('li', {}, h('code', {}, x.path), ': ', x.reason))) : null);
}

/** A schema document (the latest version, or the one given), parsed. */
export async function loadSchema(account, schemaId, version, signal) {
  const path = version ? accountPath(account, 'schemas', schemaId, 'versions', String(version))
    : accountPath(account, 'schemas', schemaId);
  return JSON.parse(await getText(path, {signal}));
}

/** The account's schemas, each at its latest version: [{schemaId, version, description, publishedAt, publishedBy}]. */
export async function listSchemas(account, signal) {
  const body = await get(accountPath(account, 'schemas'), {signal});
  return [...body.items].sort((a, b) => a.schemaId.localeCompare(b.schemaId));
}

/** The schema's creating action: [name, spec]. */
export function creatingAction(schema) {
  return Object.entries(schema.actions || {}).find(([, a]) => a.creates) || null;
}
