import { Module } from '@nestjs/common';
import { WorkingCalendar } from './working-calendar.js';

@Module({
  providers: [WorkingCalendar],
  exports: [WorkingCalendar],
})
export class CalendarModule {}
