import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { CalendarModule } from '../calendar/calendar.module.js';
import { DeadlineRulesController } from './deadline-rules.controller.js';
import { DeadlineRulesService } from './deadline-rules.service.js';

@Module({
  imports: [CalendarModule, AuditModule],
  controllers: [DeadlineRulesController],
  providers: [DeadlineRulesService],
  exports: [DeadlineRulesService],
})
export class DeadlineModule {}
