// Who is signed in: kept in sessionStorage, so it ends with the browser tab and is never sent as a cookie.

const KEY = 'operadb.explorer.session';

export function currentSession() {
  try {
    const saved = JSON.parse(sessionStorage.getItem(KEY) || 'null');
    return saved && saved.account && (saved.token || saved.actor) ? saved : null;
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
