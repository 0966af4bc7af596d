import { type AttachmentType, isImageAttachment } from '@mashang/shared';
import type { FastifyReply } from 'fastify';
import { extensionOf } from './clean-upload.js';

/** A stored file as it is served. */
export interface StoredFileAnswer {
  name: string;
  type: AttachmentType;
  bytes: Buffer;
}

/**
 * Sends a stored file with the type it was stored as and never another: browsers may not guess
 * (`nosniff`); images show inline, a PDF is a download, under an ASCII name and the shown name
 * percent-encoded (no quote or line break of a name can reach the header). Private files are never cached on the way.
 */
export function sendStoredFile(reply: FastifyReply, file: StoredFileAnswer, cache: 'public' | 'no-store'): FastifyReply {
  const disposition = isImageAttachment(file.type) ? 'inline' : 'attachment';
  return reply
    .type(file.type)
    .header('x-content-type-options', 'nosniff')
    .header(
      'content-disposition',
      `${disposition}; filename="attachment.${extensionOf(file.type)}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    )
    .header('cache-control', cache === 'public' ? 'public, max-age=3600' : 'no-store')
    .send(file.bytes);
}
