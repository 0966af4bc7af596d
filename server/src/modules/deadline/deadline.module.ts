import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AuditModule } from '../audit/audit.module.js';
import { CalendarModule } from '../calendar/calendar.module.js';
import { DeadlineRulesController } from './deadline-rules.controller.js';
import { DeadlineRulesService } from './deadline-rules.service.js';
import { FreshDeadlineSettingsInterceptor } from './fresh-deadline-settings.interceptor.js';

@Module({
  imports: [CalendarModule, AuditModule],
  controllers: [DeadlineRulesController],
  providers: [DeadlineRulesService, { provide: APP_INTERCEPTOR, useClass: FreshDeadlineSettingsInterceptor }],
  exports: [DeadlineRulesService],
})
export class DeadlineModule {}
