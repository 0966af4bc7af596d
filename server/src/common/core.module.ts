import { type DynamicModule, Global, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { Clock } from './clock.js';
import { DataProtection } from './data-protection.js';
import { ProofOfWork } from './proof-of-work/proof-of-work.js';
import { RateLimiter } from './rate-limit/rate-limiter.js';

/** Configuration, the clock, the rate limiter, proof of work and data protection, available to every module. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig, clock: Clock): DynamicModule {
    return {
      module: CoreModule,
      providers: [{ provide: APP_CONFIG, useValue: config }, { provide: Clock, useValue: clock }, RateLimiter, DataProtection, ProofOfWork],
      exports: [APP_CONFIG, Clock, RateLimiter, DataProtection, ProofOfWork],
    };
  }
}
