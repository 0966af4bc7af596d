import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '../config/app-config.js';
import { DisclosureEntity } from '../modules/publishing/disclosure.entity.js';
import { PowerItemEntity } from '../modules/power-list/power-item.entity.js';
import { RegionEntity } from '../modules/region/region.entity.js';
import { ReportEventEntity } from '../modules/case/entities/report-event.entity.js';
import { ReportEntity } from '../modules/case/entities/report.entity.js';
import { InitialSchema1764201600000 } from './migrations/1764201600000-initial-schema.js';
import { StaffAccounts1764288000000 } from './migrations/1764288000000-staff-accounts.js';
import { CaseWorkflow1764374400000 } from './migrations/1764374400000-case-workflow.js';
import { CalendarYears1764460800000 } from './migrations/1764460800000-calendar-years.js';
import { CalendarYearEntity } from '../modules/calendar/calendar-year.entity.js';
import { CountyDeadlineRules1764547200000 } from './migrations/1764547200000-county-deadline-rules.js';
import { RateLimits1764633600000 } from './migrations/1764633600000-rate-limits.js';
import { DisclosureVersions1764720000000 } from './migrations/1764720000000-disclosure-versions.js';
import { RedFlags1764806400000 } from './migrations/1764806400000-red-flags.js';
import { CountyDisclosureCalendars1764979200000 } from './migrations/1764979200000-county-disclosure-calendars.js';
import { CountyDisclosureCalendarEntity } from '../modules/publishing/county-disclosure-calendar.entity.js';
import { RED_FLAG_ENTITIES } from '../modules/red-flag/red-flag.entities.js';
import { DisclosureEventEntity } from '../modules/publishing/disclosure-event.entity.js';
import { DisclosureVersionEntity } from '../modules/publishing/disclosure-version.entity.js';
import { CountyDeadlineRulesEntity } from '../modules/deadline/county-deadline-rules.entity.js';
import { CaseAlertEntity } from '../modules/case/entities/case-alert.entity.js';
import { CaseActionKeyEntity } from '../modules/case/entities/case-action-key.entity.js';
import { CaseTransferEntity } from '../modules/case/entities/case-transfer.entity.js';
import { CaseSupervisionEntity } from '../modules/case/entities/case-supervision.entity.js';
import { CaseSupervisions1765584000020 } from './migrations/1765584000020-case-supervisions.js';
import { ReportDeadlineEntity } from '../modules/case/entities/report-deadline.entity.js';
import { AuditEntryEntity } from '../modules/audit/audit-entry.entity.js';
import { StaffAccountEntity } from '../modules/staff/staff-account.entity.js';
import { StaffSessionEntity } from '../modules/staff/staff-session.entity.js';
import { StaffRecoveryCodeEntity } from '../modules/staff/staff-recovery-code.entity.js';
import { StaffAccountSecurity1765238400000 } from './migrations/1765238400000-staff-account-security.js';
import { PowerListTemplates1764892800000 } from './migrations/1764892800000-power-list-templates.js';
import { PowerTemplateEntity } from '../modules/power-list/power-template.entity.js';
import { PowerTemplateVersionEntity } from '../modules/power-list/power-template-version.entity.js';
import { PowerItemVersionEntity } from '../modules/power-list/power-item-version.entity.js';
import { DisclosureAttachments1765065600000 } from './migrations/1765065600000-disclosure-attachments.js';
import { ProofOfWork1765324800000 } from './migrations/1765324800000-proof-of-work.js';
import { VillageRecordSnapshots1765324800001 } from './migrations/1765324800001-village-record-snapshots.js';
import { VillageRecordSnapshotEntity } from '../modules/village/village-record.js';
import { CaseExtensions1765152000000 } from './migrations/1765152000000-case-extensions.js';
import { ReportNextDue1765152000001 } from './migrations/1765152000001-report-next-due.js';
import { CaseActionKeys1765152000002 } from './migrations/1765152000002-case-action-keys.js';
import { ReportMarks1765152000003 } from './migrations/1765152000003-report-marks.js';
import { RatingWays1765152000004 } from './migrations/1765152000004-rating-ways.js';
import { TownshipTransfers1765152000005 } from './migrations/1765152000005-township-transfers.js';
import { ContentVersions1765411200000 } from './migrations/1765411200000-content-versions.js';
import { ExtensionDaysBackfill1765497600000 } from './migrations/1765497600000-extension-days-backfill.js';
import { StaffScaleIndexes1765584000000 } from './migrations/1765584000000-staff-scale-indexes.js';
import { RatingReasons1765584000010 } from './migrations/1765584000010-rating-reasons.js';
import { AcceptedOnTime1765584000040 } from './migrations/1765584000040-accepted-on-time.js';
import { SqliteReportIndexes1765584000041 } from './migrations/1765584000041-sqlite-report-indexes.js';
import { ReporterAccounts1765670400100 } from './migrations/1765670400100-reporter-accounts.js';
import { REPORTER_ENTITIES } from '../modules/reporter/reporter.entities.js';
import { WechatTokens1765670400000 } from './migrations/1765670400000-wechat-tokens.js';
import { FiguresRollup1765670400500 } from './migrations/1765670400500-figures-rollup.js';
import { Notifications1765670400200 } from './migrations/1765670400200-notifications.js';
import { NOTIFICATION_ENTITIES } from '../modules/notification/notification.entities.js';
import { DisclosureAttachmentEntity } from '../modules/publishing/disclosure-attachment.entity.js';
import { ReportAttachmentEntity } from '../modules/report-attachment/report-attachment.entity.js';
import { ReportAttachments1765670400300 } from './migrations/1765670400300-report-attachments.js';
import { ReportRetention1765670400400 } from './migrations/1765670400400-report-retention.js';
import { TextCheckVerdicts1765670400410 } from './migrations/1765670400410-text-check-verdicts.js';
import { InboxTodoColumns1765756800000 } from './migrations/1765756800000-inbox-todo-columns.js';
import { AttachmentFileKeys1765756800010 } from './migrations/1765756800010-attachment-file-keys.js';
import { DisclosureAttachmentThumbnailKey1765756800200 } from './migrations/1765756800200-disclosure-attachment-thumbnail-key.js';
import { ReportRetentionEntity } from '../modules/retention/report-retention.entity.js';

export const ENTITIES = [
  RegionEntity,
  PowerItemEntity,
  DisclosureEntity,
  ReportEntity,
  ReportEventEntity,
  StaffAccountEntity,
  StaffSessionEntity,
  StaffRecoveryCodeEntity,
  AuditEntryEntity,
  ReportDeadlineEntity,
  CaseAlertEntity,
  CaseActionKeyEntity,
  CaseTransferEntity,
  CaseSupervisionEntity,
  CalendarYearEntity,
  CountyDeadlineRulesEntity,
  DisclosureVersionEntity,
  DisclosureEventEntity,
  PowerTemplateEntity,
  PowerTemplateVersionEntity,
  PowerItemVersionEntity,
  ...RED_FLAG_ENTITIES,
  CountyDisclosureCalendarEntity,
  DisclosureAttachmentEntity,
  VillageRecordSnapshotEntity,
  ...REPORTER_ENTITIES,
  ...NOTIFICATION_ENTITIES,
  ReportAttachmentEntity,
  ReportRetentionEntity,
];
export const MIGRATIONS = [
  InitialSchema1764201600000,
  StaffAccounts1764288000000,
  CaseWorkflow1764374400000,
  CalendarYears1764460800000,
  CountyDeadlineRules1764547200000,
  RateLimits1764633600000,
  DisclosureVersions1764720000000,
  RedFlags1764806400000,
  PowerListTemplates1764892800000,
  CountyDisclosureCalendars1764979200000,
  DisclosureAttachments1765065600000,
  StaffAccountSecurity1765238400000,
  ProofOfWork1765324800000,
  VillageRecordSnapshots1765324800001,
  CaseExtensions1765152000000,
  ReportNextDue1765152000001,
  CaseActionKeys1765152000002,
  ReportMarks1765152000003,
  RatingWays1765152000004,
  TownshipTransfers1765152000005,
  ContentVersions1765411200000,
  ExtensionDaysBackfill1765497600000,
  StaffScaleIndexes1765584000000,
  RatingReasons1765584000010,
  CaseSupervisions1765584000020,
  AcceptedOnTime1765584000040,
  SqliteReportIndexes1765584000041,
  ReporterAccounts1765670400100,
  WechatTokens1765670400000,
  FiguresRollup1765670400500,
  Notifications1765670400200,
  ReportAttachments1765670400300,
  ReportRetention1765670400400,
  TextCheckVerdicts1765670400410,
  InboxTodoColumns1765756800000,
  AttachmentFileKeys1765756800010,
  DisclosureAttachmentThumbnailKey1765756800200,
];

/** Schema changes go through migrations only; `synchronize` stays off on every database. */
export function dataSourceOptions(database: DatabaseConfig): DataSourceOptions {
  const common = { entities: ENTITIES, migrations: MIGRATIONS, synchronize: false, migrationsRun: false, logging: false } as const;
  if (database.type === 'mysql') {
    return { ...common, type: 'mysql', url: database.url, charset: 'utf8mb4_unicode_ci', timezone: 'Z' };
  }
  if (database.file !== ':memory:') mkdirSync(dirname(database.file), { recursive: true });
  return { ...common, type: 'better-sqlite3', database: database.file };
}
