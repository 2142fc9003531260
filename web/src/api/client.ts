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

async function request<T>(method: string, path: string, body: unknown, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['x-csrf-token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (err) {
    if (options.signal?.aborted) throw new ApiRequestError(0, 'aborted', 'aborted');
    throw new ApiRequestError(0, 'network-error', err instanceof Error ? err.message : String(err));
  }

  const text = await response.text();
  let data: unknown = undefined;
  let parsed = true;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      parsed = false;
    }
  }

  if (!response.ok) {
    const error = (parsed && data && typeof data === 'object' ? data : {}) as Partial<ApiError>;
    if (typeof error.code === 'string') {
      throw new ApiRequestError(response.status, error.code, typeof error.message === 'string' ? error.message : '', error.details);
    }
    // No API error body: a reverse proxy (or Vite's dev proxy) answered because the server is down.
    const code = GATEWAY_STATUSES.has(response.status) ? 'server-unavailable' : `http-${response.status}`;
    throw new ApiRequestError(response.status, code, '');
  }
  if (!parsed) {
    // Typically index.html from an SPA fallback: the API is not behind this URL.
    throw new ApiRequestError(response.status, 'invalid-response', `Non-JSON response (HTTP ${response.status})`);
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, undefined, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('POST', path, body, options),
  put: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PUT', path, body, options),
  patch: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PATCH', path, body, options),
  delete: <T>(path: string, options?: RequestOptions) => request<T>('DELETE', path, undefined, options),
};
