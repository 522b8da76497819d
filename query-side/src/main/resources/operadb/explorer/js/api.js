// The two public APIs of the contract, and nothing else: the query API (this page's own origin) and the command API
// (its URL from config.json; the command side allows this origin by CORS).

import {currentSession} from './session.js';
import {stringify} from './json.js';

let commandApiUrl = '';

export async function loadConfig() {
  let config = {};
  try {
    const response = await fetch('config.json', {cache: 'no-store'});
    if (response.ok) config = await response.json();
  } catch {
    // no config: fall back to the default below
  }
  commandApiUrl = config.commandApiUrl || `${location.protocol}//${location.hostname}:8080`;
}

export function commandBase() {
  return commandApiUrl;
}

/** The credentials sent with every API call: the signed-in session's bearer token (the only place they are set). */
export function authHeaders() {
  const session = currentSession();
  return session && session.token ? {Authorization: `Bearer ${session.token}`} : {};
}

/** An RFC 9457 problem (or a network failure, status 0) as an Error. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.type = problem.type || '';
    this.title = problem.title || (status ? `HTTP ${status}` : 'No answer');
    this.errors = Array.isArray(problem.errors) ? problem.errors : [];
  }

  /** The problem's kind, the last segment of its type (invalid-input, guard-failed, ...). */
  get kind() {
    return this.type.split('/').pop();
  }
}

async function call(base, method, path, {body, headers = {}, signal} = {}) {
  const init = {method, headers: {Accept: 'application/json, application/problem+json', ...authHeaders(), ...headers},
    signal};
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = typeof body === 'string' ? body : stringify(body);
  }
  let response;
  try {
    response = await fetch(base + path, init);
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, {detail: `${base || 'the query API'} did not answer (${e.message})`});
  }
  const text = await response.text();
  let json = null;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = {detail: text.slice(0, 300)};
    }
  }
  if (!response.ok) throw new ApiError(response.status, json || {});
  return {status: response.status, body: json, text, etag: response.headers.get('ETag')};
}

/** Reads from the query API; answers the body. */
export async function get(path, options) {
  return (await call('', 'GET', path, options)).body;
}

/** The raw text of a query API answer (schema documents are served exactly as published). */
export async function getText(path, options) {
  return (await call('', 'GET', path, options)).text;
}

/** Admin calls of the query API (replay, dead letters). */
export async function postQuery(path, body, options = {}) {
  return (await call('', 'POST', path, {...options, body}));
}

/** Sends to the command API; answers {status, body, etag}. */
export async function postCommand(path, body, options = {}) {
  return call(commandApiUrl, 'POST', path, {...options, body});
}

export function accountPath(account, ...segments) {
  return `/api/accounts/${encodeURIComponent(account)}${segments.map(s => `/${encodeURIComponent(s)}`).join('')}`;
}
