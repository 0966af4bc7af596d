import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { type ApiErrorBody, ERROR_HTTP_STATUS, type ErrorCode, errorMessage } from '@mashang/shared';
import type { FastifyReply } from 'fastify';
import { DomainError } from './domain-error.js';

/**
 * HTTP statuses raised by the framework (routing, body parsing, throttling, static files) and the
 * code each becomes; any other 4xx is the client's malformed request.
 */
const FRAMEWORK_STATUS_CODES: Record<number, ErrorCode> = {
  400: 'MALFORMED_REQUEST',
  // @fastify/static refuses a directory or a path it will not serve: nothing there for the client.
  403: 'NOT_FOUND',
  404: 'NOT_FOUND',
  405: 'NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
  414: 'URI_TOO_LONG',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  431: 'HEADERS_TOO_LARGE',
};

/**
 * Driver errors that mean the database cannot be reached right now (MySQL down or restarting, the
 * pool's connections dropped, SQLite locked by another writer): the request may succeed later.
 */
const DATABASE_UNAVAILABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
  'ER_LOCK_WAIT_TIMEOUT',
  'ER_LOCK_DEADLOCK',
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
]);

export function isDatabaseUnavailable(error: unknown): boolean {
  for (
    let e = error as { code?: unknown; driverError?: unknown; cause?: unknown; message?: unknown } | undefined, depth = 0;
    e && depth < 4;
    depth++
  ) {
    if (typeof e.code === 'string' && DATABASE_UNAVAILABLE.has(e.code)) return true;
    // mysql2 answers with these, without a code, once its connection is gone.
    if (
      typeof e.message === 'string' &&
      /^(Pool is closed|Can't add new command when connection is in closed state|Connection lost)/.test(e.message)
    )
      return true;
    e = (e.driverError ?? e.cause) as typeof e;
  }
  return false;
}

function statusOf(error: unknown): number | undefined {
  if (error instanceof HttpException) return error.getStatus();
  const e = error as { statusCode?: unknown; status?: unknown } | undefined;
  const status = typeof e?.statusCode === 'number' ? e.statusCode : typeof e?.status === 'number' ? e.status : undefined;
  return status !== undefined && status >= 400 && status < 600 ? status : undefined;
}

export function toApiError(error: unknown): { status: number; body: ApiErrorBody } {
  if (error instanceof DomainError) {
    return {
      status: ERROR_HTTP_STATUS[error.code],
      body: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}), ...error.extras },
    };
  }
  if (isDatabaseUnavailable(error))
    return { status: 503, body: { code: 'SERVICE_UNAVAILABLE', message: errorMessage('SERVICE_UNAVAILABLE') } };
  const status = statusOf(error) ?? 500;
  const code = FRAMEWORK_STATUS_CODES[status] ?? (status < 500 ? 'MALFORMED_REQUEST' : 'INTERNAL');
  return { status: ERROR_HTTP_STATUS[code], body: { code, message: errorMessage(code) } };
}

/** The one place that shapes errors. Unexpected ones are logged and answered without internals. */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiError');

  catch(error: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const { status, body } = toApiError(error);
    // A client's mistake (4xx) is not logged; an outage is logged in one line, without a stack.
    if (body.code === 'INTERNAL') this.logger.error(error instanceof Error ? error.stack : String(error));
    else if (body.code === 'SERVICE_UNAVAILABLE') this.logger.warn(`Database unavailable: ${(error as Error).message}`);
    void reply.status(status).header('cache-control', 'no-store').send(body);
  }
}
