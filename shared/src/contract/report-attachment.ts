import { z } from 'zod';
import { ATTACHMENT_TYPES } from '../labels.js';
import { VILLAGER_ROUTE_PATHS } from '../routes.js';
import { UploadReceiptSchema } from '../schemas/report-attachment.js';
import { defineRoute } from './route.js';

const CaseAttachmentParams = z.object({
  reportNo: z.string().regex(/^[2-9A-HJKMNP-Z]{10}$/, { error: '编号格式不正确' }),
  attachmentId: z.coerce.number({ error: '附件编号应为数字' }).int().positive({ error: '附件编号应为正整数' }),
});

/** A villager's photos and files: uploaded before filing, seen afterwards only by the staff handling the case. */
export const reportAttachmentContract = {
  upload: defineRoute({
    ...VILLAGER_ROUTE_PATHS.reportUpload,
    summary:
      'Upload one photo or PDF for a report (multipart/form-data, field `file`): the type is read from the bytes, a photo is re-encoded without any metadata (EXIF, GPS); the id answered is named in the filing within 24 hours, once',
    response: UploadReceiptSchema,
    errors: [
      'MALFORMED_REQUEST',
      'UNSUPPORTED_MEDIA_TYPE',
      'ATTACHMENT_TOO_LARGE',
      'ATTACHMENT_TYPE_UNSUPPORTED',
      'ATTACHMENT_UNREADABLE',
      'RATE_LIMITED',
    ],
  }),
  caseAttachment: defineRoute({
    method: 'GET',
    path: '/staff/cases/:reportNo/attachments/:attachmentId',
    summary: "A report's photo or file (`?size=thumb`: a small copy of a photo), for the staff handling the case; never cached",
    auth: ['township_handler', 'county_supervisor'],
    params: CaseAttachmentParams,
    query: z.object({ size: z.enum(['thumb']).optional() }),
    produces: Object.keys(ATTACHMENT_TYPES),
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'VALIDATION_FAILED', 'CASE_NOT_FOUND', 'ATTACHMENT_NOT_FOUND'],
  }),
} as const;
