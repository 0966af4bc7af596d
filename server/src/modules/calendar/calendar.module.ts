import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { CalendarScheduleService } from './calendar-schedule.service.js';
import { CalendarController } from './calendar.controller.js';
import { WorkingCalendar } from './working-calendar.js';

@Module({
  imports: [AuditModule],
  controllers: [CalendarController],
  providers: [WorkingCalendar, CalendarScheduleService],
  exports: [WorkingCalendar, CalendarScheduleService],
})
export class CalendarModule {}
