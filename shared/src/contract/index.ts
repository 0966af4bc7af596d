import { caseContract, reporterContract } from './case.js';
import { notificationContract } from './notification.js';
import { posterContract } from './poster.js';
import { powerListContract } from './power-list.js';
import { publishingContract } from './publishing.js';
import { redFlagContract } from './red-flag.js';
import { reportContract } from './report.js';
import { reportAttachmentContract } from './report-attachment.js';
import { reporterAccountContract } from './reporter-account.js';
import { adminContract, staffContract } from './staff.js';
import { systemContract } from './system.js';
import { villageContract } from './village.js';

export const contract = {
  village: villageContract,
  report: reportContract,
  system: systemContract,
  staff: staffContract,
  admin: adminContract,
  case: caseContract,
  reporter: reporterContract,
  reportAttachment: reportAttachmentContract,
  reporterAccount: reporterAccountContract,
  publishing: publishingContract,
  redFlag: redFlagContract,
  powerList: powerListContract,
  poster: posterContract,
  notification: notificationContract,
} as const;

export * from './route.js';
export * from './case.js';
export { MAX_SPREADSHEET_BYTES } from './publishing.js';
export { PosterQuerySchema, type PosterQuery } from './poster.js';
