// The viewer's token lives in sessionStorage: it survives a reload of the tab, dies with the tab,
// and never goes into a URL.

const KEY = 'matchstream.token';

export function token() {
  return sessionStorage.getItem(KEY);
}

export function signIn(value) {
  sessionStorage.setItem(KEY, value);
}

export function signOut() {
  sessionStorage.removeItem(KEY);
  location.replace('index.html');
}

export class HttpError extends Error {
  constructor(status, body) {
    super(`HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

/** GET a JSON resource of the gateway's REST API with the viewer's token. */
export async function api(path, bearer = token()) {
  const res = await fetch(path, {
    headers: { Authorization: `Bearer ${bearer}`, Accept: 'application/json' },
    cache: 'no-store',
  });
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new HttpError(res.status, body);
  return body;
}

/** The signed-in viewer ({sub, role, city}), or a trip back to the sign-in page. */
export async function requireViewer() {
  if (!token()) {
    location.replace('index.html');
    return new Promise(() => {});
  }
  try {
    return await api('/api/me');
  } catch (e) {
    if (e instanceof HttpError && (e.status === 401 || e.status === 403)) {
      signOut();
      return new Promise(() => {});
    }
    throw e;
  }
}
