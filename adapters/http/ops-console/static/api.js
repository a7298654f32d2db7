/**
 * The page's only door to Midplat: POST JSON to `/ops/api/...` with the token as `Acstkn`.
 * The token lives in sessionStorage (gone when the tab closes) and never in a cookie.
 */
const TOKEN_KEY = 'midplat.ops.token';
const TIMEOUT_MS = 15000;

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export const session = {
  token: () => sessionStorage.getItem(TOKEN_KEY),
  signIn: (token) => sessionStorage.setItem(TOKEN_KEY, token),
  signOut: () => sessionStorage.removeItem(TOKEN_KEY),
};

/** Called when Midplat no longer accepts the token (401), so the page can ask for a new one. */
let onUnauthorized = () => undefined;
export function whenUnauthorized(handler) {
  onUnauthorized = handler;
}

export async function call(path, body = {}) {
  const token = session.token();
  if (!token) throw new ApiError(401, 'UNAUTHORIZED', 'Sign in first.');
  let response;
  try {
    response = await fetch(`/ops/api/${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Acstkn: token },
      body: JSON.stringify(body),
      credentials: 'omit',
      cache: 'no-store',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    const timedOut = error && error.name === 'TimeoutError';
    throw new ApiError(0, timedOut ? 'TIMEOUT' : 'NETWORK_ERROR', timedOut ? `Midplat did not answer within ${TIMEOUT_MS / 1000} s.` : 'Midplat could not be reached.');
  }
  let envelope;
  try {
    envelope = await response.json();
  } catch {
    throw new ApiError(response.status, 'BAD_RESPONSE', `Unexpected answer (HTTP ${response.status}).`);
  }
  if (response.ok && envelope.success === true) return envelope.data;
  const error = envelope.error ?? {};
  const failure = new ApiError(response.status, error.errorCode ?? `HTTP_${response.status}`, error.errorMessage ?? `HTTP ${response.status}`);
  if (response.status === 401) onUnauthorized(failure);
  throw failure;
}

/** Drops empty filter fields so they do not reach the API as "". */
export function withoutEmpty(object) {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== '' && value !== undefined && value !== null));
}
