import { Controller, Res } from '@nestjs/common';
import { contract } from '@mashang/shared';
import type { FastifyReply } from 'fastify';
import { ContractRoute, type ParsedInput, RouteInput } from '../../common/contract-route.js';
import { sendStoredFile } from '../../common/storage/send-stored-file.js';
import { CurrentStaff } from '../staff/staff-auth.guard.js';
import type { StaffAccountEntity } from '../staff/staff-account.entity.js';
import { DisclosureAttachmentsService } from './disclosure-attachments.service.js';

const routes = contract.publishing;
type In<K extends keyof typeof routes> = ParsedInput<(typeof routes)[K]>;

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
    return sendStoredFile(reply, await this.attachments.staffFile(account, params.id, params.attachmentId), 'no-store');
  }

  /** Public: a published version's photo or file. */
  @ContractRoute(contract.village.disclosureAttachment)
  async publicFile(@RouteInput() { params, query }: ParsedInput<typeof contract.village.disclosureAttachment>, @Res() reply: FastifyReply) {
    return sendStoredFile(reply, await this.attachments.publicFile(params.id, params.attachmentId, query.size === 'thumb'), 'public');
  }
}
