import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { type ApiErrorBody, ERROR_HTTP_STATUS, type ErrorCode, errorMessage } from '@mashang/shared';
import type { FastifyReply } from 'fastify';
import { DomainError } from './domain-error.js';

/** HTTP statuses raised by the framework (routing, body parsing, throttling) and the code each becomes. */
const FRAMEWORK_STATUS_CODES: Record<number, ErrorCode> = {
  400: 'MALFORMED_REQUEST',
  404: 'NOT_FOUND',
  405: 'NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'MALFORMED_REQUEST',
  429: 'RATE_LIMITED',
};

export function toApiError(error: unknown): { status: number; body: ApiErrorBody } {
  if (error instanceof DomainError) {
    return {
      status: ERROR_HTTP_STATUS[error.code],
      body: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) },
    };
  }
  const status =
    error instanceof HttpException
      ? error.getStatus()
      : typeof (error as { statusCode?: unknown })?.statusCode === 'number'
        ? (error as { statusCode: number }).statusCode
        : 500;
  const code = FRAMEWORK_STATUS_CODES[status] ?? 'INTERNAL';
  return { status: ERROR_HTTP_STATUS[code], body: { code, message: errorMessage(code) } };
}

/** The one place that shapes errors. Unexpected ones are logged and answered without internals. */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiError');

  catch(error: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const { status, body } = toApiError(error);
    if (body.code === 'INTERNAL') this.logger.error(error instanceof Error ? error.stack : String(error));
    void reply.status(status).header('cache-control', 'no-store').send(body);
  }
}
