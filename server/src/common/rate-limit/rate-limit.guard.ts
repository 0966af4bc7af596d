import { type CanActivate, type ExecutionContext, Inject, Injectable, SetMetadata, UseGuards, applyDecorators } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { clientKey } from '../client-address.js';
import { DomainError } from '../domain-error.js';
import { RateLimiter } from './rate-limiter.js';

/**
 * The limits, each counted per client address over one minute. Every route under one name shares
 * its count: all query-code routes together, so guessing codes through several routes gains nothing.
 */
export type RateLimitName = 'query_code' | 'login' | 'subsidy_lookup' | 'wechat_login';

const RATE_LIMIT = Symbol('RATE_LIMIT');
const WINDOW_MS = 60_000;
/** Mini-program sign-ins from one address: generous (a village behind one carrier address), yet each is a call to WeChat. */
const WECHAT_LOGINS_PER_MINUTE = 30;

@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly limiter: RateLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const name = this.reflector.get<RateLimitName | undefined>(RATE_LIMIT, context.getHandler());
    if (!name) return true;
    const limit =
      name === 'wechat_login'
        ? WECHAT_LOGINS_PER_MINUTE
        : name === 'login'
          ? this.config.loginLimitPerMinute
          : this.config.lookupLimitPerMinute;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (!(await this.limiter.hit(name, clientKey(request.ip), limit, WINDOW_MS))) throw new DomainError('RATE_LIMITED');
    return true;
  }
}

/** Limits a route per client address under the named limit. */
export const RateLimit = (name: RateLimitName) => applyDecorators(SetMetadata(RATE_LIMIT, name), UseGuards(RateLimitGuard));
