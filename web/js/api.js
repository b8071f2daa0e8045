// Talking to S2's public API (and its read-only admin endpoints): JSON in and out, problems
// (application/problem+json) turned into ApiError with their field errors, the API token (kept
// for this tab only) sent on writes and admin reads, and an Idempotency-Key on every POST so a
// retried click never creates a second customer.

const TOKEN_KEY = 'ld.token';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
  }
  // { 'cpf': 'must be a valid CPF...', 'addresses[0].postal_code': '...' }
  get fieldErrors() {
    const out = {};
    for (const e of this.problem.errors || []) out[e.field] = e.message;
    return out;
  }
}

export function token() {
  return sessionStorage.getItem(TOKEN_KEY) || '';
}

export function setToken(value) {
  if (value) sessionStorage.setItem(TOKEN_KEY, value);
  else sessionStorage.removeItem(TOKEN_KEY);
}

// A random UUID; crypto.randomUUID exists only on secure origins, getRandomValues everywhere.
export function newKey() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function withQuery(path, query = {}) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(name, value);
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

// The raw exchange, for the API reference's "try it": status, headers and body text.
export async function exchange(method, path, { body, headers = {} } = {}) {
  const started = performance.now();
  const response = await fetch(path, {
    method,
    headers,
    body,
    cache: 'no-store',
  });
  const text = await response.text();
  return {
    status: response.status,
    statusText: response.statusText,
    headers: [...response.headers.entries()],
    body: text,
    ms: performance.now() - started,
  };
}

export async function api(method, path, { body, query, admin = false } = {}) {
  const headers = { Accept: 'application/json' };
  const write = method !== 'GET';
  if ((write || admin) && token()) headers.Authorization = `Bearer ${token()}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method === 'POST') headers['Idempotency-Key'] = newKey();
  const response = await fetch(withQuery(path, query), {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    cache: 'no-store',
  });
  const text = await response.text();
  let parsed = null;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = { detail: text };
    }
  }
  if (!response.ok) throw new ApiError(response.status, parsed);
  return parsed;
}
