import { Controller, Res } from '@nestjs/common';
import { contract, isImageAttachment } from '@mashang/shared';
import type { FastifyReply } from 'fastify';
import { ContractRoute, type ParsedInput, RouteInput } from '../../common/contract-route.js';
import { extensionOf } from '../../common/storage/clean-upload.js';
import { CurrentStaff } from '../staff/staff-auth.guard.js';
import type { StaffAccountEntity } from '../staff/staff-account.entity.js';
import { type AttachmentFile, DisclosureAttachmentsService } from './disclosure-attachments.service.js';

const routes = contract.publishing;
type In<K extends keyof typeof routes> = ParsedInput<(typeof routes)[K]>;

/**
 * Sends a stored file with the type it was stored as and never another: browsers may not guess
 * (`nosniff`); images show inline, a PDF is a download. Drafts' files are never cached on the way.
 */
function sendAttachment(reply: FastifyReply, file: AttachmentFile, cache: 'public' | 'no-store'): FastifyReply {
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

@Controller()
export class DisclosureAttachmentsController {
  constructor(private readonly attachments: DisclosureAttachmentsService) {}

  @ContractRoute(routes.uploadAttachment)
  upload(@CurrentStaff() account: StaffAccountEntity, @RouteInput() { params, body }: In<'uploadAttachment'>) {
    return this.attachments.upload(account, params.id, body);
  }

  @ContractRoute(routes.deleteAttachment)
  remove(@CurrentStaff() account: StaffAccountEntity, @RouteInput() { params }: In<'deleteAttachment'>) {
    return this.attachments.remove(account, params.id, params.attachmentId);
  }

  @ContractRoute(routes.attachment)
  async staffFile(@CurrentStaff() account: StaffAccountEntity, @RouteInput() { params }: In<'attachment'>, @Res() reply: FastifyReply) {
    return sendAttachment(reply, await this.attachments.staffFile(account, params.id, params.attachmentId), 'no-store');
  }

  /** Public: a published version's photo or file. */
  @ContractRoute(contract.village.disclosureAttachment)
  async publicFile(@RouteInput() { params, query }: ParsedInput<typeof contract.village.disclosureAttachment>, @Res() reply: FastifyReply) {
    return sendAttachment(reply, await this.attachments.publicFile(params.id, params.attachmentId, query.size === 'thumb'), 'public');
  }
}
