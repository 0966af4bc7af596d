import { z } from 'zod';
import { ATTACHMENT_TYPES, type AttachmentType } from '../labels.js';

/**
 * Photos and files attached to what the village publishes (and, later, to reports). The server reads
 * each file's real type from its bytes, re-encodes every image without its metadata and keeps PDFs as
 * they are; these are the limits both ends check.
 */

export const AttachmentTypeSchema = z.enum(Object.keys(ATTACHMENT_TYPES) as [AttachmentType, ...AttachmentType[]]);

export const AttachmentSchema = z.object({
  id: z.number().int(),
  /** The name shown: the uploaded file's, with personal numbers masked and the extension of the stored type. */
  name: z.string(),
  type: AttachmentTypeSchema,
  /** Bytes as stored (after re-encoding, for an image). */
  size: z.number().int(),
});
export type Attachment = z.infer<typeof AttachmentSchema>;

/** An upload as JSON: the mini program and H5 both read a picked file as base64. */
export const AttachmentUploadSchema = z.object({
  fileName: z.string({ error: '请写明文件名' }).trim().min(1, { error: '请写明文件名' }).max(200, { error: '文件名不超过200个字' }),
  contentBase64: z
    .string({ error: '请选择文件' })
    .min(1, { error: '文件是空的，请重新选择' })
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, { error: '文件内容不完整，请重新选择' }),
});
export type AttachmentUpload = z.infer<typeof AttachmentUploadSchema>;

/** Human-readable size: 「2.4 MB」, 「860 KB」. */
export function fileSizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
