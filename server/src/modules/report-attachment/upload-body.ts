import { API_PREFIX, MAX_ATTACHMENT_BYTES, contract } from '@mashang/shared';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { clientKey } from '../../common/client-address.js';
import { DomainError } from '../../common/domain-error.js';

/** Room for the multipart framing around the largest file. */
const FRAMING_BYTES = 64 * 1024;
const UPLOAD_URL = `${API_PREFIX}${contract.reportAttachment.upload.path}`;
/** Upload bodies read at once on one instance: each holds up to 10 MB in memory while read. */
export const MAX_UPLOADS_READ_AT_ONCE = 8;

/** Refuses an upload before its body is read (an address over its limit), by throwing a DomainError. */
export type UploadGate = (address: string) => Promise<void>;

/** The one file of an upload, as read from its multipart body; the client's name and type for it are not kept. */
export class UploadedFile {
  constructor(readonly bytes: Buffer) {}
}

/**
 * `multipart/form-data` for the upload route alone (Taro.uploadFile in the mini program, FormData in
 * H5): every other route still refuses it with 415, as before. The body is read up to the largest file
 * plus its framing; a longer one stops there as ATTACHMENT_TOO_LARGE, with the message the villager reads.
 */
export function registerUploadBodyParser(fastify: FastifyInstance, gate: UploadGate): void {
  // Before the body is read: an address over its limit is refused without its 10 MB being taken in.
  fastify.addHook('onRequest', async (request: FastifyRequest) => {
    if (request.method === 'POST' && request.routeOptions.url === UPLOAD_URL) await gate(clientKey(request.ip));
  });
  let reading = 0;
  fastify.addContentTypeParser('multipart/form-data', async (request: FastifyRequest, payload: IncomingMessage) => {
    if (request.routeOptions.url !== UPLOAD_URL) throw Object.assign(new Error('multipart body on a JSON route'), { statusCode: 415 });
    const limit = MAX_ATTACHMENT_BYTES + FRAMING_BYTES;
    if (Number(request.headers['content-length'] ?? 0) > limit) throw new DomainError('ATTACHMENT_TOO_LARGE');
    // Memory is the limit here, not the address: beyond this many at once, try again shortly.
    if (reading >= MAX_UPLOADS_READ_AT_ONCE) throw new DomainError('RATE_LIMITED');
    reading++;
    try {
      const chunks: Buffer[] = [];
      let total = 0;
      for await (const chunk of payload as AsyncIterable<Buffer>) {
        total += chunk.length;
        if (total > limit) throw new DomainError('ATTACHMENT_TOO_LARGE');
        chunks.push(chunk);
      }
      return await fileOf(Buffer.concat(chunks), String(request.headers['content-type']));
    } finally {
      reading--;
    }
  });
}

/** The body's one part named `file`, read by the runtime's own multipart parser (undici's, behind `Response.formData`). */
async function fileOf(body: Buffer, contentType: string): Promise<UploadedFile> {
  let form: FormData;
  try {
    form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
  } catch {
    throw new DomainError('MALFORMED_REQUEST');
  }
  const files = form.getAll('file');
  const [file] = files;
  if (files.length !== 1 || !file || typeof file === 'string') throw new DomainError('MALFORMED_REQUEST');
  if (file.size > MAX_ATTACHMENT_BYTES) throw new DomainError('ATTACHMENT_TOO_LARGE');
  return new UploadedFile(Buffer.from(await file.arrayBuffer()));
}
