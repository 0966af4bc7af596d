import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { CalendarModule } from '../calendar/calendar.module.js';
import { DeadlineModule } from '../deadline/deadline.module.js';
import { RegionModule } from '../region/region.module.js';
import { StaffModule } from '../staff/staff.module.js';
import { CaseController } from './case.controller.js';
import { CaseRepository } from './case.repository.js';
import { CaseStatsService } from './case-stats.service.js';
import { CaseService } from './case.service.js';
import { CaseCitation } from './case-citation.js';
import { CaseView } from './case-view.js';
import { CaseSupervision } from './case-supervision.js';
import { DeadlineSweep } from './deadline-sweep.js';
import { FilingLimits } from './filing-limits.js';
import { FiguresRollup } from './figures/figures-rollup.js';
import { ReportController } from './report.controller.js';
import { ReportRepository } from './report.repository.js';
import { ReportSecrets } from './report-secrets.js';
import { ReportService } from './report.service.js';
import { CaseWorkflow } from './workflow/case-workflow.js';
import { ActionKeys } from './workflow/action-keys.js';
import { ReportHooks } from './workflow/report-hooks.js';

/**
 * A case's whole life in one module: the report and its timeline, deadlines and alerts; the
 * reporter's routes by query code; the staff's case routes; the workflow engine, its permissions
 * and the deadline sweep.
 */
@Module({
  imports: [RegionModule, DeadlineModule, StaffModule, AuditModule, CalendarModule],
  controllers: [ReportController, CaseController],
  providers: [
    ReportService,
    ReportRepository,
    ReportSecrets,
    CaseWorkflow,
    ActionKeys,
    CaseService,
    CaseStatsService,
    CaseRepository,
    CaseView,
    CaseSupervision,
    CaseCitation,
    DeadlineSweep,
    FilingLimits,
    ReportHooks,
    FiguresRollup,
  ],
  exports: [ReportRepository, ReportSecrets, ReportService, CaseWorkflow, ReportHooks, DeadlineModule],
})
export class CaseModule {}
