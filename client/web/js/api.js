// The session token lives in sessionStorage (gone when the tab closes) and travels only as a Bearer header,
// never in a cookie, so another site cannot make the browser send it (CSRF).
const TOKEN_KEY = 'swap-reporting.token';
const USER_KEY = 'swap-reporting.user';

export class ApiError extends Error {
  constructor(status, message, field) {
    super(message);
    this.status = status;
    this.field = field;
  }
}

export const session = {
  token: () => sessionStorage.getItem(TOKEN_KEY),
  user: () => JSON.parse(sessionStorage.getItem(USER_KEY) ?? 'null'),
  save(token, user) {
    sessionStorage.setItem(TOKEN_KEY, token);
    sessionStorage.setItem(USER_KEY, JSON.stringify(user));
  },
  clear() {
    sessionStorage.removeItem(TOKEN_KEY);
    sessionStorage.removeItem(USER_KEY);
  },
  can(role) {
    const rank = { viewer: 1, reviewer: 2, admin: 3 };
    return (rank[session.user()?.role] ?? 0) >= rank[role];
  },
};

async function request(path, options = {}) {
  const headers = { Accept: 'application/json', ...(options.headers ?? {}) };
  const token = session.token();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, {
    method: options.method ?? 'GET',
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  if (response.status === 401 && token) {
    session.clear();
    location.hash = '#/login';
  }
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    throw new ApiError(response.status, problem.error ?? `${response.status} ${response.statusText}`, problem.field);
  }
  return response;
}

export async function api(path, options) {
  return (await request(path, options)).json();
}

/** Downloads a file through fetch (so the Bearer header goes along) and hands it to the browser. */
export async function download(path) {
  const response = await request(path, { headers: { Accept: '*/*' } });
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'download';
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return { name, sha256: response.headers.get('x-checksum-sha256') };
}

/** Query string from the defined, non-empty values only. */
export function qs(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== null && value !== '') search.set(key, value);
  const text = search.toString();
  return text ? `?${text}` : '';
}
