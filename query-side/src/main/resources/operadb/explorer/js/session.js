// Who is signed in: kept in sessionStorage, so it ends with the browser tab and is never sent as a cookie.

const KEY = 'operadb.explorer.session';

export function currentSession() {
  try {
    const saved = JSON.parse(sessionStorage.getItem(KEY) || 'null');
    return saved && saved.account && saved.token ? saved : null;
  } catch {
    return null;
  }
}

/** {account, actor, token, expiresAt?} */
export function saveSession(session) {
  sessionStorage.setItem(KEY, JSON.stringify(session));
}

export function clearSession() {
  sessionStorage.removeItem(KEY);
}

export function account() {
  const session = currentSession();
  return session ? session.account : null;
}

/**
 * What a token says about itself ({sub: actor, account, exp}), read from its payload without checking it: only to
 * show who is signed in and to fill in the account. The servers check the signature on every call.
 */
export function tokenClaims(token) {
  try {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(payload.padEnd(Math.ceil(payload.length / 4) * 4, '=')), c => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return {};
  }
}
