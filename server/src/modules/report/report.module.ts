import { Module } from '@nestjs/common';
import { DeadlineModule } from '../deadline/deadline.module.js';
import { RegionModule } from '../region/region.module.js';
import { CaseWorkflow } from './case-workflow.js';
import { ReportController } from './report.controller.js';
import { ReportRepository } from './report.repository.js';
import { ReportSecrets } from './report-secrets.js';
import { ReportService } from './report.service.js';

@Module({
  imports: [RegionModule, DeadlineModule],
  controllers: [ReportController],
  providers: [ReportService, ReportRepository, ReportSecrets, CaseWorkflow],
  exports: [ReportRepository, ReportSecrets, ReportService, CaseWorkflow, DeadlineModule],
})
export class ReportModule {}
