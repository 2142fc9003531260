import { ERROR_MESSAGES, type ApiError } from '@shared/errors.ts';
import { sharedKey, type Lang } from '../i18n/index.ts';

/** A non-2xx answer from the API, or a failure to get any answer at all. */
export class ApiRequestError extends Error {
  override readonly name = 'ApiRequestError';
  readonly status: number;
  readonly code: string;
  readonly details: Record<string, unknown> | undefined;

  constructor(status: number, code: string, message: string, details?: Record<string, unknown>) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/**
 * Codes the client itself produces when there is no usable server answer. They are not in the
 * shared table because the server never sends them.
 */
const CLIENT_ERROR_MESSAGES = {
  'network-error': { zh: '无法连接服务器，请检查网络后重试', en: 'Cannot reach the server; check the network and try again' },
  'server-unavailable': { zh: '服务器暂时无法访问，请稍后再试', en: 'The server is unavailable; try again later' },
  'invalid-response': { zh: '服务器返回了无法识别的内容', en: 'The server sent an unrecognised response' },
  aborted: { zh: '请求已取消', en: 'The request was cancelled' },
} as const satisfies Record<string, { zh: string; en: string }>;

const KNOWN_MESSAGES: Record<string, { zh: string; en: string } | undefined> = {
  ...ERROR_MESSAGES,
  ...CLIENT_ERROR_MESSAGES,
};

/** The message to show for any thrown value, in the user's language where the code is known. */
export function errorText(err: unknown, lang: Lang): string {
  const key = sharedKey(lang);
  if (err instanceof ApiRequestError) {
    const known = KNOWN_MESSAGES[err.code];
    if (known) return known[key];
    if (err.message) return err.message;
    return key === 'zh' ? `请求失败（HTTP ${err.status}）` : `Request failed (HTTP ${err.status})`;
  }
  if (err instanceof Error && err.message) return err.message;
  return key === 'zh' ? '发生了未知错误' : 'An unknown error occurred';
}

const GATEWAY_STATUSES = new Set([502, 503, 504]);

let csrfToken: string | null = null;

/**
 * The session cookie is HttpOnly, so the double-submit token is the only part of the session
 * the page holds. It comes from the login and /me responses.
 */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export interface RequestOptions {
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

/** The `If-Match` header a write to an existing object carries: the version the user saw. */
export function ifMatch(version: number): Record<string, string> {
  return { 'if-match': `"${version}"` };
}

/** A request body sent as is (a file), rather than as JSON. */
class RawBody {
  readonly blob: Blob;
  readonly contentType: string;
  constructor(blob: Blob, contentType: string) {
    this.blob = blob;
    this.contentType = contentType;
  }
}

/**
 * Sends a request and checks the answer. Resolves with the raw Response when it is 2xx; every
 * failure becomes an ApiRequestError.
 */
async function send(method: string, path: string, body: unknown, options: RequestOptions, accept: string): Promise<Response> {
  const headers: Record<string, string> = { accept, ...options.headers };
  let payload: BodyInit | undefined;
  if (body instanceof RawBody) {
    headers['content-type'] = body.contentType;
    payload = body.blob;
  } else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['x-csrf-token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: payload, credentials: 'same-origin', signal: options.signal });
  } catch (err) {
    if (options.signal?.aborted) throw new ApiRequestError(0, 'aborted', 'aborted');
    throw new ApiRequestError(0, 'network-error', err instanceof Error ? err.message : String(err));
  }
  if (!response.ok) throw await errorFrom(response);
  return response;
}

async function errorFrom(response: Response): Promise<ApiRequestError> {
  let data: unknown = undefined;
  try {
    data = JSON.parse(await response.text());
  } catch {
    // Not JSON: handled below.
  }
  const error = (data && typeof data === 'object' ? data : {}) as Partial<ApiError>;
  if (typeof error.code === 'string') {
    return new ApiRequestError(response.status, error.code, typeof error.message === 'string' ? error.message : '', error.details);
  }
  // No API error body: a reverse proxy (or Vite's dev proxy) answered because the server is down.
  const code = GATEWAY_STATUSES.has(response.status) ? 'server-unavailable' : `http-${response.status}`;
  return new ApiRequestError(response.status, code, '');
}

async function request<T>(method: string, path: string, body: unknown, options: RequestOptions = {}): Promise<T> {
  const response = await send(method, path, body, options, 'application/json');
  const text = await response.text();
  if (!text) return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    // Typically index.html from an SPA fallback: the API is not behind this URL.
    throw new ApiRequestError(response.status, 'invalid-response', `Non-JSON response (HTTP ${response.status})`);
  }
}

/** The file name of a download, from `Content-Disposition` (RFC 6266, UTF-8 form preferred). */
function downloadName(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const utf8 = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (utf8?.[1]) {
    try {
      return decodeURIComponent(utf8[1].trim());
    } catch {
      // Malformed escapes: try the plain form.
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(header);
  return plain?.[1]?.trim() || fallback;
}

/**
 * Fetches a file and hands it to the browser as a download. Fetching first (rather than a plain
 * link) lets a refusal show as a message instead of saving the error body as a file.
 */
async function download(path: string, fallbackName: string, options: RequestOptions = {}, method: 'GET' | 'POST' = 'GET', body?: unknown): Promise<void> {
  const response = await send(method, path, body, options, '*/*');
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = downloadName(response.headers.get('content-disposition'), fallbackName);
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers read the URL after click() returns; revoke it on the next turn.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, undefined, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('POST', path, body, options),
  patch: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PATCH', path, body, options),
  put: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PUT', path, body, options),
  delete: <T>(path: string, options?: RequestOptions) => request<T>('DELETE', path, undefined, options),
  /** POSTs a file as the raw request body (not multipart). */
  upload: <T>(path: string, file: Blob, contentType: string, options?: RequestOptions) =>
    request<T>('POST', path, new RawBody(file, contentType), options),
  download,
  /** POSTs (a write: CSRF-checked) and saves the file answered, e.g. a card PDF whose issue is recorded. */
  downloadPost: (path: string, body: unknown, fallbackName: string, options?: RequestOptions) => download(path, fallbackName, options, 'POST', body),
};

/** Builds `path?k=v&…`, leaving out empty values. */
export function withQuery(path: string, query: Record<string, string | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}
