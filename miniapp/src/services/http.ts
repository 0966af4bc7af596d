import Taro from '@tarojs/taro';
import type { ApiErrorBody, ErrorCode, FieldError, HttpMethod, ProofOfWorkChallenge } from '@mashang/shared';
import { ERROR_MESSAGES } from '@mashang/shared/labels';

/**
 * Every way a request can fail, as one typed error: a shared `ErrorCode`, the Chinese message a
 * villager reads, and field details for VALIDATION_FAILED. Pages branch on `code`, never on text.
 * This layer shows nothing and navigates nowhere.
 */
export class ApiError extends Error {
  readonly code: ErrorCode;
  /** HTTP status, 0 when no response arrived. */
  readonly status: number;
  readonly details: FieldError[];
  /** The work the server asks before it takes the request (PROOF_OF_WORK_REQUIRED). */
  readonly proofOfWork?: ProofOfWorkChallenge;

  constructor(
    code: ErrorCode,
    options: { status?: number; message?: string; details?: FieldError[]; proofOfWork?: ProofOfWorkChallenge } = {},
  ) {
    super(options.message || ERROR_MESSAGES[code]);
    this.name = 'ApiError';
    this.code = code;
    this.status = options.status ?? 0;
    this.details = options.details ?? [];
    this.proofOfWork = options.proofOfWork;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** H5 is served by the API's own origin; the mini program calls the build-time base. */
export function apiBase(): string {
  if (process.env.TARO_ENV === 'h5') return '';
  return (process.env.TARO_APP_API_BASE || 'https://mashang.example.cn').replace(/\/+$/, '');
}

export interface HttpRequest {
  method: HttpMethod;
  /** Absolute path on the API origin, e.g. `/api/v1/villages/341821102201`. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  /** Milliseconds; weak rural networks get a generous default. */
  timeout?: number;
  /** A staff session token, sent as `Authorization: Bearer <token>`. */
  token?: string | null;
  /** Further headers, e.g. the reporter's `X-Reporter-Token` (services/reporter-session). */
  headers?: Record<string, string>;
}

const DEFAULT_TIMEOUT = 15000;
/** A body over 64 KB (a photo, a spreadsheet, base64) gets time to travel at a weak uplink's 32 KB/s on top of the default. */
const UPLOAD_BYTES_PER_MS = 32;

function queryString(query: HttpRequest['query']): string {
  if (!query) return '';
  const parts = Object.entries(query)
    .filter(([, value]) => value !== undefined && value !== '')
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

/** How a status travels when the body is not our JSON (a proxy's or gateway's page). */
function codeForBareStatus(status: number): ErrorCode {
  if (status === 404) return 'NOT_FOUND';
  if (status === 413) return 'PAYLOAD_TOO_LARGE';
  if (status === 429) return 'RATE_LIMITED';
  // A gateway that cannot reach us, or a Wi-Fi login page answering 200 with HTML: the network.
  if (status === 502 || status === 503 || status === 504 || (status >= 200 && status < 300)) return 'NETWORK_ERROR';
  if (status >= 400 && status < 500) return 'MALFORMED_REQUEST';
  return 'INTERNAL';
}

function parseJson(raw: unknown): { ok: true; value: unknown } | { ok: false } {
  if (raw === null || raw === undefined || raw === '') return { ok: false };
  if (typeof raw !== 'string') return { ok: true, value: raw };
  try {
    return { ok: true, value: JSON.parse(raw) };
  } catch {
    return { ok: false };
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const isFieldError = (value: unknown): value is FieldError =>
  isObject(value) && typeof value.field === 'string' && typeof value.message === 'string';
const isChallenge = (value: unknown): value is ProofOfWorkChallenge =>
  isObject(value) && typeof value.challenge === 'string' && Number.isInteger(value.difficulty) && typeof value.expiresAt === 'string';

/**
 * The API's error body (shared `ApiErrorSchema`), checked by hand so that a villager's page loads no zod;
 * anything else (an unknown code, a proxy's JSON) is not ours.
 */
function errorBody(value: unknown): ApiErrorBody | null {
  if (!isObject(value) || typeof value.code !== 'string' || !Object.prototype.hasOwnProperty.call(ERROR_MESSAGES, value.code)) return null;
  if (typeof value.message !== 'string') return null;
  if (value.details !== undefined && !(Array.isArray(value.details) && value.details.every(isFieldError))) return null;
  if (value.proofOfWork !== undefined && !isChallenge(value.proofOfWork)) return null;
  return value as ApiErrorBody;
}

/** One request over `Taro.request`; resolves with the parsed JSON body or rejects with `ApiError`. */
export async function request<T = unknown>(req: HttpRequest): Promise<T> {
  const hasBody = req.body !== undefined && req.method !== 'GET';
  const header: Record<string, string> = hasBody
    ? { 'Content-Type': 'application/json', Accept: 'application/json' }
    : { Accept: 'application/json' };
  if (req.token) header.Authorization = `Bearer ${req.token}`;
  if (req.headers) Object.assign(header, req.headers);
  const data = hasBody ? JSON.stringify(req.body) : undefined;
  let response: Taro.request.SuccessCallbackResult<string>;
  try {
    response = await Taro.request<string>({
      url: `${apiBase()}${req.path}${queryString(req.query)}`,
      method: req.method,
      data,
      header,
      // Parse ourselves: a non-JSON answer must become an ApiError, not a silent null.
      dataType: 'text',
      responseType: 'text',
      // H5: the staff session travels as the API's own HttpOnly cookie (see stores/session-store).
      credentials: 'same-origin',
      timeout: req.timeout ?? DEFAULT_TIMEOUT + (data && data.length > 64 * 1024 ? Math.ceil(data.length / UPLOAD_BYTES_PER_MS) : 0),
    });
  } catch {
    // No answer at all: offline, DNS, TLS, timeout, aborted.
    throw new ApiError('NETWORK_ERROR');
  }

  const status = Number(response.statusCode) || 0;
  const parsed = status === 204 ? { ok: true as const, value: null } : parseJson(response.data);

  if (status >= 200 && status < 300) {
    if (!parsed.ok) throw new ApiError(codeForBareStatus(status), { status });
    return parsed.value as T;
  }

  if (parsed.ok) {
    const body = errorBody(parsed.value);
    if (body) {
      return Promise.reject(
        new ApiError(body.code, {
          status,
          message: body.message || ERROR_MESSAGES[body.code],
          details: body.details ?? [],
          proofOfWork: body.proofOfWork,
        }),
      );
    }
  }
  throw new ApiError(codeForBareStatus(status), { status });
}
