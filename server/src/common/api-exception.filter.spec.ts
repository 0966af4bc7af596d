import { type ArgumentsHost, Logger, NotFoundException } from '@nestjs/common';
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { QueryFailedError } from 'typeorm';
import { ApiExceptionFilter, isDatabaseUnavailable, toApiError } from './api-exception.filter.js';
import { DomainError } from './domain-error.js';

/** A driver error as mysql2 / better-sqlite3 raise it. */
const driverError = (code: string, message = code) => Object.assign(new Error(message), { code });

describe('toApiError', () => {
  it('answers a database that cannot be reached with 503 SERVICE_UNAVAILABLE', () => {
    for (const error of [
      driverError('ECONNREFUSED'),
      driverError('PROTOCOL_CONNECTION_LOST'),
      driverError('ER_SERVER_SHUTDOWN'),
      driverError('SQLITE_BUSY'),
      new QueryFailedError('SELECT 1', [], driverError('ECONNRESET')),
      new Error('Pool is closed.'),
    ]) {
      expect(isDatabaseUnavailable(error)).toBe(true);
      expect(toApiError(error)).toEqual({ status: 503, body: { code: 'SERVICE_UNAVAILABLE', message: '系统繁忙，请稍后再试' } });
    }
  });

  it('leaves other database errors as internal ones', () => {
    const error = new QueryFailedError('INSERT …', [], driverError('ER_NO_SUCH_TABLE'));
    expect(isDatabaseUnavailable(error)).toBe(false);
    expect(toApiError(error).status).toBe(500);
  });

  it('maps the framework’s statuses to shared codes, a static file’s 403 and any other 4xx included', () => {
    const framework = (statusCode: number) => Object.assign(new Error('x'), { statusCode });
    expect(toApiError(framework(415)).body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(toApiError(framework(414)).body.code).toBe('URI_TOO_LONG');
    expect(toApiError(framework(431)).body.code).toBe('HEADERS_TOO_LARGE');
    // @fastify/send's errors carry `status`.
    expect(toApiError(Object.assign(new Error('Forbidden'), { status: 403 }))).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
    expect(toApiError(framework(416))).toMatchObject({ status: 400, body: { code: 'MALFORMED_REQUEST' } });
    expect(toApiError(new NotFoundException()).body.code).toBe('NOT_FOUND');
    expect(toApiError(new DomainError('RATE_LIMITED')).status).toBe(429);
  });
});

describe('ApiExceptionFilter', () => {
  afterEach(() => {
    jest.restoreAllMocks();
  });

  function answer(error: unknown) {
    const reply = { status: jest.fn(), header: jest.fn(), send: jest.fn() };
    reply.status.mockReturnValue(reply);
    reply.header.mockReturnValue(reply);
    const host = { switchToHttp: () => ({ getResponse: () => reply }) } as unknown as ArgumentsHost;
    new ApiExceptionFilter().catch(error, host);
    return reply;
  }

  it('logs no stack trace for a client’s mistake, one line for an outage, the stack for a bug', () => {
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    answer(new DomainError('VALIDATION_FAILED', [{ field: 'body.x', message: 'bad' }]));
    answer(Object.assign(new Error('Unsupported Media Type'), { statusCode: 415 }));
    expect(error).not.toHaveBeenCalled();
    expect(warn).not.toHaveBeenCalled();
    const outage = answer(driverError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:3306'));
    expect(outage.status).toHaveBeenCalledWith(503);
    expect(warn).toHaveBeenCalledWith('Database unavailable: connect ECONNREFUSED 127.0.0.1:3306');
    expect(error).not.toHaveBeenCalled();
    const bug = answer(new TypeError('x is undefined'));
    expect(bug.status).toHaveBeenCalledWith(500);
    expect(bug.header).toHaveBeenCalledWith('cache-control', 'no-store');
    expect(String(error.mock.calls[0]?.[0])).toContain('TypeError: x is undefined\n    at ');
  });
});
