import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { CalendarModule } from '../calendar/calendar.module.js';
import { WorkingCalendar } from '../calendar/working-calendar.js';
import { DeadlineCalculator } from './deadline-calculator.js';

@Module({
  imports: [CalendarModule],
  providers: [
    {
      provide: DeadlineCalculator,
      inject: [APP_CONFIG, WorkingCalendar],
      useFactory: (config: AppConfig, calendar: WorkingCalendar) => new DeadlineCalculator(config.deadlineRules, calendar),
    },
  ],
  exports: [DeadlineCalculator],
})
export class DeadlineModule {}
