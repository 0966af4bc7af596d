import { z } from 'zod';
import { type AttachmentType, MAX_REPORT_ATTACHMENTS } from '../labels.js';
import { AttachmentTypeSchema } from './attachment.js';

/**
 * Photos and files a villager attaches to a report. Each is uploaded on its own first (multipart, one
 * file): the server reads its type from its bytes, re-encodes an image without any metadata, and
 * answers an opaque id. The filing then names the ids; an id is good for one filing only, within a day.
 */

/** 24 characters of base64url: 144 random bits, never guessable. */
export const UploadIdSchema = z.string({ error: '照片编号无效，请重新添加照片' }).regex(/^[A-Za-z0-9_-]{24}$/, {
  error: '照片编号无效，请重新添加照片',
});

export const ReportAttachmentIdsSchema = z
  .array(UploadIdSchema)
  .max(MAX_REPORT_ATTACHMENTS, { error: `照片和文件最多${MAX_REPORT_ATTACHMENTS}个` })
  .refine((ids) => new Set(ids).size === ids.length, { error: '同一张照片只能添加一次' });

/** What an upload answers: the id to file with, and what was kept (the re-encoded size). */
export const UploadReceiptSchema = z.object({
  id: z.string(),
  kind: z.enum(['image', 'pdf']),
  type: AttachmentTypeSchema,
  size: z.number().int(),
});
export type UploadReceipt = z.infer<typeof UploadReceiptSchema>;

const EXTENSIONS: Record<AttachmentType, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'application/pdf': 'pdf' };

/** 「照片1.jpg」「文件2.pdf」: a report's file is named by its place, never by the uploaded name, which may say who took it. */
export function reportAttachmentName(type: AttachmentType, index: number): string {
  return `${type === 'application/pdf' ? '文件' : '照片'}${index + 1}.${EXTENSIONS[type]}`;
}
