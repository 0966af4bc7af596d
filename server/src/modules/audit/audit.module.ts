import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AuditService } from './audit.service.js';
import { RefusedRevealInterceptor } from './refused-reveal.interceptor.js';

@Module({
  providers: [AuditService, { provide: APP_INTERCEPTOR, useClass: RefusedRevealInterceptor }],
  exports: [AuditService],
})
export class AuditModule {}
