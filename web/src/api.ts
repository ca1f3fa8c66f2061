// The one door to the server: session cookie + CSRF double-submit, problem+json errors.
export const API_BASE = '/api/v1';

export interface FieldProblem { path: string; message: string }

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string | undefined;
  readonly errors: FieldProblem[];

  constructor(status: number, body: { code?: string; title?: string; detail?: string; errors?: FieldProblem[] }) {
    const title = body.title ?? (status === 0 ? 'Network error' : `Request failed (${status})`);
    super(body.detail ?? title);
    this.status = status;
    this.code = body.code ?? (status === 0 ? 'network' : 'internal');
    this.title = title;
    this.detail = body.detail;
    this.errors = Array.isArray(body.errors) ? body.errors : [];
  }
}

type UnauthorizedListener = () => void;
const unauthorizedListeners = new Set<UnauthorizedListener>();
export function onUnauthorized(listener: UnauthorizedListener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

export function readCookie(name: string): string | null {
  for (const part of document.cookie.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return null;
}

function newKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

export function randomId(length = 16): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = new Uint8Array(length);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

interface RequestOptions {
  body?: unknown;
  query?: Query;
  signal?: AbortSignal;
  /** Sends an Idempotency-Key so that a retried create never creates twice. */
  creates?: boolean;
}

function mutationHeaders(method: string, creates?: boolean): Record<string, string> {
  const headers: Record<string, string> = {};
  if (method !== 'GET' && method !== 'HEAD') {
    const csrf = readCookie('cl_csrf');
    if (csrf) headers['X-CSRF-Token'] = csrf;
  }
  if (creates) headers['Idempotency-Key'] = newKey();
  return headers;
}

async function send(method: string, path: string, opts: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json', ...mutationHeaders(method, opts.creates) };
  let body: string | undefined;
  if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  let res: Response;
  try {
    res = await fetch(withQuery(API_BASE + path, opts.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, { detail: 'Could not reach CargoLint. Check your connection and try again.' });
  }
  if (!res.ok) throw await toApiError(res, path);
  return res;
}

async function toApiError(res: Response, path: string): Promise<ApiError> {
  let body: Record<string, any> = {};
  try {
    const text = await res.text();
    body = text ? JSON.parse(text) : {};
  } catch {
    body = {};
  }
  if (typeof body !== 'object' || body === null) body = {};
  if (res.status === 401 && !path.startsWith('/auth/')) unauthorizedListeners.forEach((l) => l());
  if (res.status >= 500 && !body.detail) body.detail = 'Something went wrong on our side. Please try again in a moment.';
  if (res.status === 429 && !body.detail) body.detail = 'Too many requests. Please wait a moment and try again.';
  return new ApiError(res.status, body);
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const res = await send(method, path, opts);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown, opts: { creates?: boolean } = {}) =>
    request<T>('POST', path, { body: body ?? {}, creates: opts.creates }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  del: (path: string) => request<void>('DELETE', path),
};

/** POSTs JSON and returns the binary response (the ZIP of a batch download). */
export async function postForBlob(path: string, body: unknown): Promise<{ blob: Blob; filename: string | null }> {
  const res = await send('POST', path, { body });
  const disposition = res.headers.get('Content-Disposition') ?? '';
  const match = /filename\*=UTF-8''([^;]+)|filename="?([^";]+)"?/i.exec(disposition);
  const filename = match ? decodeURIComponent(match[1] ?? match[2]) : null;
  return { blob: await res.blob(), filename };
}

export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

export interface UploadHandle<T> { promise: Promise<T>; abort(): void }

/** Multipart upload through XMLHttpRequest, the only browser API that reports upload progress. */
export function uploadMultipart<T>(
  path: string,
  fields: Record<string, string | undefined>,
  file: File,
  onProgress: (fraction: number) => void,
): UploadHandle<T> {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<T>((resolve, reject) => {
    // Plain fields first: a streaming multipart parser sees them before the file.
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) if (v) form.append(k, v);
    form.append('file', file, file.name);
    xhr.open('POST', API_BASE + path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    for (const [k, v] of Object.entries(mutationHeaders('POST', true))) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      let body: any = {};
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : {};
      } catch {
        body = {};
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve(body as T);
      } else {
        if (xhr.status === 401) unauthorizedListeners.forEach((l) => l());
        if (xhr.status === 413 && !body.detail) body.detail = 'This file is larger than the upload limit.';
        if (xhr.status === 415 && !body.detail) body.detail = 'This file type is not supported.';
        reject(new ApiError(xhr.status, typeof body === 'object' && body ? body : {}));
      }
    };
    xhr.onerror = () => reject(new ApiError(0, { detail: 'The upload was interrupted. Check your connection and try again.' }));
    xhr.onabort = () => reject(new ApiError(0, { code: 'aborted', detail: 'Upload cancelled.' }));
    xhr.send(form);
  });
  return { promise, abort: () => xhr.abort() };
}

/** The message for a field (`url`, `events`…) out of a 422's errors[], whatever the path's spelling. */
export function fieldError(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const hit = error.errors.find((e) => normalizePath(e.path) === field || normalizePath(e.path).startsWith(field + '.'));
  return hit ? humanize(hit.message) : undefined;
}

/** Schema validators speak in fragments ("must NOT have fewer than 10 characters"): make them sentences. */
export function humanize(message: string): string {
  const m = String(message ?? '').trim();
  let match: RegExpExecArray | null;
  if ((match = /^must NOT have fewer than (\d+) characters?$/i.exec(m))) return `Use at least ${match[1]} characters.`;
  if ((match = /^must NOT have more than (\d+) characters?$/i.exec(m))) return `Use at most ${match[1]} characters.`;
  if (/^must match format "email"$/i.test(m)) return 'Enter a valid email address.';
  if (/^must match format "(date-)?time"$/i.test(m) || /^must match format "date-time"$/i.test(m)) return 'Enter a valid date and time.';
  if (/^must have required property/i.test(m)) return 'This field is required.';
  if (!m) return 'This value is not valid.';
  const sentence = m[0].toUpperCase() + m.slice(1);
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}

export function normalizePath(path: string): string {
  return String(path ?? '')
    .replace(/^#?\//, '')
    .replace(/^(body|\$)[./]?/, '')
    .replace(/\//g, '.')
    .replace(/\[(\d+)\]/g, '.$1');
}

/** Detail for a form-level banner: the problem's detail unless every field message is shown next to its field. */
export function formError(error: unknown, fields: string[]): string | undefined {
  if (!error) return undefined;
  if (!(error instanceof ApiError)) return 'Something went wrong. Please try again.';
  const unmatched = error.errors.filter((e) => !fields.some((f) => {
    const p = normalizePath(e.path);
    return p === f || p.startsWith(f + '.');
  }));
  if (error.errors.length > 0 && unmatched.length === 0) return undefined;
  if (unmatched.length > 0) return unmatched.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join(' ');
  return error.detail ?? error.title;
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.detail ?? error.title;
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}
