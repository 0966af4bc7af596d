import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
  UseInterceptors,
  applyDecorators,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Observable, tap } from 'rxjs';

/**
 * The H5 staff pages keep their session in this cookie instead of `localStorage`, where any script
 * on the page could read it: HttpOnly (no script reads it), SameSite=Strict (no other site's page
 * sends it), Secure over HTTPS, and only for the API's paths. The mini program keeps sending
 * `Authorization: Bearer` (WeChat's storage is the app's own, and it has no cookies).
 *
 * Cross-site request forgery needs no token of its own here: SameSite=Strict keeps the cookie off
 * every request another site starts, and the API takes only `application/json` bodies, which a form
 * on another site cannot send and a script on another site cannot send without a CORS preflight
 * that this API never grants.
 */
export const SESSION_COOKIE = 'mashang_staff';
/** Sent with API calls only, never with the pages and assets. */
const COOKIE_PATH = '/api';

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{20,100}$/;

/** The session token of the request's cookie, if it holds one of the right form. */
export function cookieToken(request: FastifyRequest): string | null {
  const value = request.cookies?.[SESSION_COOKIE];
  return value && TOKEN_PATTERN.test(value) ? value : null;
}

function isHttps(request: FastifyRequest): boolean {
  // `protocol` reads X-Forwarded-Proto only from the proxies TRUST_PROXY names.
  return request.protocol === 'https';
}

@Injectable()
class IssueSessionCookieInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    return next.handle().pipe(
      tap((data: unknown) => {
        const session = data as { token?: unknown; expiresAt?: unknown } | null;
        if (typeof session?.token !== 'string' || typeof session.expiresAt !== 'string') return;
        const request = http.getRequest<FastifyRequest>();
        void http.getResponse<FastifyReply>().setCookie(SESSION_COOKIE, session.token, {
          httpOnly: true,
          sameSite: 'strict',
          secure: isHttps(request),
          path: COOKIE_PATH,
          expires: new Date(session.expiresAt),
        });
      }),
    );
  }
}

@Injectable()
class ClearSessionCookieInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    return next.handle().pipe(
      tap(() => {
        const request = http.getRequest<FastifyRequest>();
        void http
          .getResponse<FastifyReply>()
          .clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', secure: isHttps(request), path: COOKIE_PATH });
      }),
    );
  }
}

/** On a route answering with a session (`{ token, expiresAt }`): also sets it as the H5 cookie. */
export const IssuesSessionCookie = () => applyDecorators(UseInterceptors(IssueSessionCookieInterceptor));

/** On the sign-out route: clears the H5 cookie. */
export const ClearsSessionCookie = () => applyDecorators(UseInterceptors(ClearSessionCookieInterceptor));
