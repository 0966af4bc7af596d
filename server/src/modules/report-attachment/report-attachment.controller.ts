import { Controller, Req, Res } from '@nestjs/common';
import { contract, isImageAttachment } from '@mashang/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ClientAddress } from '../../common/client-address.js';
import { ContractRoute, type ParsedInput, RouteInput } from '../../common/contract-route.js';
import { DomainError } from '../../common/domain-error.js';
import { sendStoredFile } from '../../common/storage/send-stored-file.js';
import type { StaffAccountEntity } from '../staff/staff-account.entity.js';
import { CurrentStaff } from '../staff/staff-auth.guard.js';
import { ReportAttachmentService } from './report-attachment.service.js';
import { ThumbnailAudit } from './thumbnail-audit.js';
import { UploadedFile } from './upload-body.js';

const routes = contract.reportAttachment;

@Controller()
export class ReportAttachmentController {
  constructor(
    private readonly attachments: ReportAttachmentService,
    private readonly thumbnails: ThumbnailAudit,
  ) {}

  /** Public, like filing: one multipart file (see upload-body.ts); a JSON body here is the wrong kind. */
  @ContractRoute(routes.upload)
  upload(@Req() request: FastifyRequest, @ClientAddress() address: string) {
    if (!(request.body instanceof UploadedFile)) throw new DomainError('UNSUPPORTED_MEDIA_TYPE');
    return this.attachments.upload(request.body, address);
  }

  @ContractRoute(routes.caseAttachment)
  async caseFile(
    @CurrentStaff() account: StaffAccountEntity,
    @RouteInput() { params, query }: ParsedInput<typeof routes.caseAttachment>,
    @Res() reply: FastifyReply,
  ) {
    const thumbnail = query.size === 'thumb';
    const file = await this.attachments.staffFile(account, params.reportNo, params.attachmentId, thumbnail);
    // A full file is audited each time it is opened (view_attachment); the thumbnails once a day (a PDF has none: its full file was sent).
    if (thumbnail && isImageAttachment(file.type)) await this.thumbnails.seen(account.id, params.reportNo);
    return sendStoredFile(reply, file, 'no-store');
  }
}
