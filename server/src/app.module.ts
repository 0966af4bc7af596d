import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApiExceptionFilter } from './common/api-exception.filter.js';
import type { Clock } from './common/clock.js';
import { CoreModule } from './common/core.module.js';
import type { AppConfig } from './config/app-config.js';
import { dataSourceOptions } from './database/data-source-options.js';
import { CaseModule } from './modules/case/case.module.js';
import { H5Controller } from './modules/h5/h5.controller.js';
import { HealthController } from './modules/health/health.controller.js';
import { NotificationModule } from './modules/notification/notification.module.js';
import { PosterModule } from './modules/poster/poster.module.js';
import { PowerListModule } from './modules/power-list/power-list.module.js';
import { PublishingModule } from './modules/publishing/publishing.module.js';
import { RedFlagModule } from './modules/red-flag/red-flag.module.js';
import { ReporterModule } from './modules/reporter/reporter.module.js';
import { ReportAttachmentModule } from './modules/report-attachment/report-attachment.module.js';
import { RetentionModule } from './modules/retention/retention.module.js';
import { TextCheckModule } from './modules/text-check/text-check.module.js';
import { StaffModule } from './modules/staff/staff.module.js';
import { VillageModule } from './modules/village/village.module.js';
import { WechatModule } from './modules/wechat/wechat.module.js';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, clock: Clock): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config, clock),
        TypeOrmModule.forRoot({ ...dataSourceOptions(config.database), retryAttempts: 2 }),
        VillageModule,
        StaffModule,
        CaseModule,
        PublishingModule,
        RedFlagModule,
        PowerListModule,
        PosterModule,
        WechatModule,
        ReporterModule,
        NotificationModule,
        ReportAttachmentModule,
        RetentionModule,
        TextCheckModule,
      ],
      controllers: [HealthController, H5Controller],
      providers: [{ provide: APP_FILTER, useClass: ApiExceptionFilter }],
    };
  }
}
