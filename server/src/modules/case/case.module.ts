import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { CalendarModule } from '../calendar/calendar.module.js';
import { RegionModule } from '../region/region.module.js';
import { ReportModule } from '../report/report.module.js';
import { StaffModule } from '../staff/staff.module.js';
import { CaseController } from './case.controller.js';
import { CaseRepository } from './case.repository.js';
import { CaseStatsService } from './case-stats.service.js';
import { CaseService } from './case.service.js';
import { CaseCitation } from './case-citation.js';
import { CaseView } from './case-view.js';
import { DeadlineSweep } from './deadline-sweep.js';

@Module({
  imports: [ReportModule, StaffModule, RegionModule, AuditModule, CalendarModule],
  controllers: [CaseController],
  providers: [CaseService, CaseStatsService, CaseRepository, CaseView, CaseCitation, DeadlineSweep],
})
export class CaseModule {}
