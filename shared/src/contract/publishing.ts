import { z } from 'zod';
import {
  CommentBodySchema,
  DisclosureDraftSchema,
  DisclosureKindSchema,
  DisclosureTableSchema,
  DisclosureTypeSchema,
  ReasonBodySchema,
  StaffDisclosureRowSchema,
  StaffDisclosureSchema,
} from '../schemas/disclosure.js';
import { DisclosureCalendarSchema, OverdueDisclosureSchema } from '../schemas/disclosure-calendar.js';
import { ATTACHMENT_TYPES } from '../labels.js';
import { AttachmentUploadSchema } from '../schemas/attachment.js';
import { defineRoute } from './route.js';

/** The largest spreadsheet accepted, before base64: a 5,000-row list is far smaller. */
export const MAX_SPREADSHEET_BYTES = 3 * 1024 * 1024;

const IdParams = z.object({ id: z.coerce.number({ error: '编号应为数字' }).int().positive({ error: '编号应为正整数' }) });
const AttachmentParams = IdParams.extend({
  attachmentId: z.coerce.number({ error: '附件编号应为数字' }).int().positive({ error: '附件编号应为正整数' }),
});
const AUTH_ERRORS = ['UNAUTHENTICATED', 'FORBIDDEN'] as const;
const STEP_ERRORS = [...AUTH_ERRORS, 'VALIDATION_FAILED', 'DISCLOSURE_NOT_FOUND', 'ACTION_NOT_ALLOWED'] as const;
const VILLAGE_STAFF = ['village_publisher', 'village_supervisor'] as const;
const EVERY_PUBLISHING_ROLE = [...VILLAGE_STAFF, 'township_handler', 'county_supervisor'] as const;

/**
 * 三务公开 publishing: the village publisher drafts, the village supervisor co-signs or sends it back,
 * the township and county watch every draft and can require a correction. Nothing published is
 * overwritten: corrections and withdrawals are new versions, co-signed the same way.
 */
export const publishingContract = {
  list: defineRoute({
    method: 'GET',
    path: '/staff/disclosures',
    summary: 'Disclosures of the jurisdiction, drafts included, the most recently changed first',
    auth: EVERY_PUBLISHING_ROLE,
    query: z.object({
      village: z
        .string()
        .regex(/^\d{12}$/)
        .optional(),
      kind: DisclosureKindSchema.optional(),
    }),
    response: z.object({ items: z.array(StaffDisclosureRowSchema) }),
    errors: [...AUTH_ERRORS, 'VALIDATION_FAILED'],
  }),
  get: defineRoute({
    method: 'GET',
    path: '/staff/disclosures/:id',
    summary: 'A disclosure with every version and its history',
    auth: EVERY_PUBLISHING_ROLE,
    params: IdParams,
    response: StaffDisclosureSchema,
    errors: [...AUTH_ERRORS, 'VALIDATION_FAILED', 'DISCLOSURE_NOT_FOUND'],
  }),
  create: defineRoute({
    method: 'POST',
    path: '/staff/disclosures',
    summary: "Start a disclosure of the publisher's village as a draft",
    auth: ['village_publisher'],
    body: DisclosureDraftSchema,
    response: StaffDisclosureSchema,
    errors: [...AUTH_ERRORS, 'VALIDATION_FAILED', 'PERSONAL_NUMBER_UNMASKED'],
  }),
  saveDraft: defineRoute({
    method: 'PUT',
    path: '/staff/disclosures/:id/draft',
    summary: 'Change the open draft (a new one, a correction, or one sent back)',
    auth: ['village_publisher'],
    params: IdParams,
    body: DisclosureDraftSchema,
    response: StaffDisclosureSchema,
    errors: [...STEP_ERRORS, 'PERSONAL_NUMBER_UNMASKED'],
  }),
  submit: defineRoute({
    method: 'POST',
    path: '/staff/disclosures/:id/submit',
    summary: 'Send the open draft to the village supervisor to co-sign',
    auth: ['village_publisher'],
    params: IdParams,
    status: 200,
    response: StaffDisclosureSchema,
    errors: STEP_ERRORS,
  }),
  cosign: defineRoute({
    method: 'POST',
    path: '/staff/disclosures/:id/cosign',
    summary: 'Co-sign the submitted version: it becomes public at once',
    auth: ['village_supervisor'],
    params: IdParams,
    status: 200,
    response: StaffDisclosureSchema,
    errors: STEP_ERRORS,
  }),
  sendBack: defineRoute({
    method: 'POST',
    path: '/staff/disclosures/:id/send-back',
    summary: 'Return the submitted version to the publisher with a comment',
    auth: ['village_supervisor'],
    params: IdParams,
    body: CommentBodySchema,
    status: 200,
    response: StaffDisclosureSchema,
    errors: STEP_ERRORS,
  }),
  correct: defineRoute({
    method: 'POST',
    path: '/staff/disclosures/:id/correct',
    summary: 'Open a correction of a published disclosure, with its reason; published once co-signed',
    auth: ['village_publisher'],
    params: IdParams,
    body: ReasonBodySchema,
    status: 200,
    response: StaffDisclosureSchema,
    errors: STEP_ERRORS,
  }),
  withdraw: defineRoute({
    method: 'POST',
    path: '/staff/disclosures/:id/withdraw',
    summary: 'Ask to withdraw a published disclosure, with a reason that stays public; done once co-signed',
    auth: ['village_publisher'],
    params: IdParams,
    body: ReasonBodySchema,
    status: 200,
    response: StaffDisclosureSchema,
    errors: STEP_ERRORS,
  }),
  overdue: defineRoute({
    method: 'GET',
    path: '/staff/disclosure-overdue',
    summary: 'Villages of the jurisdiction that have not published a due period of 三务公开',
    auth: EVERY_PUBLISHING_ROLE,
    response: z.object({
      items: z.array(OverdueDisclosureSchema.extend({ villageCode: z.string(), villageName: z.string() })),
      /** The server's China date (`YYYY-MM-DD`) the periods were counted to: pages count days late from it, not from the phone's clock. */
      asOf: z.string(),
    }),
    errors: AUTH_ERRORS,
  }),
  calendar: defineRoute({
    method: 'GET',
    path: '/admin/disclosure-calendar',
    summary: "The 三务公开 calendar in force in the admin's county",
    auth: ['admin'],
    response: z.object({ calendar: DisclosureCalendarSchema, overridden: z.boolean() }),
    errors: AUTH_ERRORS,
  }),
  setCalendar: defineRoute({
    method: 'PUT',
    path: '/admin/disclosure-calendar',
    summary: "Set the county's own 三务公开 calendar (a county-level admin only)",
    auth: ['admin'],
    body: DisclosureCalendarSchema,
    response: z.object({ calendar: DisclosureCalendarSchema, overridden: z.boolean() }),
    errors: [...AUTH_ERRORS, 'VALIDATION_FAILED'],
  }),
  template: defineRoute({
    method: 'GET',
    path: '/staff/disclosure-templates/:type',
    summary: "The Excel template of a disclosure type's table",
    auth: EVERY_PUBLISHING_ROLE,
    params: z.object({ type: DisclosureTypeSchema }),
    produces: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    errors: [...AUTH_ERRORS, 'VALIDATION_FAILED'],
  }),
  importTable: defineRoute({
    method: 'POST',
    path: '/staff/disclosures/import',
    summary: 'Read a filled-in template (.xlsx or .csv, base64) into a table for a draft; any bad cell refuses the whole file',
    auth: ['village_publisher'],
    body: z.object({
      type: DisclosureTypeSchema,
      format: z.enum(['xlsx', 'csv'], { error: '只能导入 .xlsx 或 .csv 文件' }),
      file: z
        .string({ error: '请选择文件' })
        .min(1, { error: '请选择文件' })
        .max(Math.ceil(MAX_SPREADSHEET_BYTES / 3) * 4, { error: '文件不能超过3MB' })
        .regex(/^[A-Za-z0-9+/]+={0,2}$/, { error: '文件内容不完整，请重新选择' }),
    }),
    status: 200,
    response: z.object({ table: DisclosureTableSchema }),
    errors: [...AUTH_ERRORS, 'VALIDATION_FAILED', 'SPREADSHEET_INVALID'],
  }),
  uploadAttachment: defineRoute({
    method: 'POST',
    path: '/staff/disclosures/:id/attachments',
    summary:
      'Add a photo or PDF (base64) to the open draft: the type is read from the bytes, a photo is re-encoded without its metadata (EXIF, GPS), a PDF is kept as it is',
    auth: ['village_publisher'],
    params: IdParams,
    body: AttachmentUploadSchema,
    response: StaffDisclosureSchema,
    errors: [...STEP_ERRORS, 'ATTACHMENT_TOO_LARGE', 'ATTACHMENT_LIMIT_REACHED', 'ATTACHMENT_TYPE_UNSUPPORTED', 'ATTACHMENT_UNREADABLE'],
  }),
  deleteAttachment: defineRoute({
    method: 'DELETE',
    path: '/staff/disclosures/:id/attachments/:attachmentId',
    summary: "Remove a photo or file from the open draft; a published version's stay as they were",
    auth: ['village_publisher'],
    params: AttachmentParams,
    response: StaffDisclosureSchema,
    errors: [...STEP_ERRORS, 'ATTACHMENT_NOT_FOUND'],
  }),
  attachment: defineRoute({
    method: 'GET',
    path: '/staff/disclosures/:id/attachments/:attachmentId',
    summary: 'A photo or file of any version, drafts included, for the staff who may see the disclosure; never cached',
    auth: EVERY_PUBLISHING_ROLE,
    params: AttachmentParams,
    produces: Object.keys(ATTACHMENT_TYPES),
    errors: [...AUTH_ERRORS, 'VALIDATION_FAILED', 'DISCLOSURE_NOT_FOUND', 'ATTACHMENT_NOT_FOUND'],
  }),
  requireCorrection: defineRoute({
    method: 'POST',
    path: '/staff/disclosures/:id/require-correction',
    summary: 'The township or county requires the village to correct a disclosure',
    auth: ['township_handler', 'county_supervisor'],
    params: IdParams,
    body: CommentBodySchema,
    status: 200,
    response: StaffDisclosureSchema,
    errors: STEP_ERRORS,
  }),
} as const;
