import { Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { StorageModule } from '../../common/storage/storage.module.js';
import { AuditModule } from '../audit/audit.module.js';
import { CaseModule } from '../case/case.module.js';
import { ReportAttachmentController } from './report-attachment.controller.js';
import { ReportAttachmentService } from './report-attachment.service.js';
import { ThumbnailAudit } from './thumbnail-audit.js';
import { registerUploadBodyParser } from './upload-body.js';

/** Reporters' photos and files: upload, attach at filing, serve to the case's staff, remove the unused. */
@Module({
  imports: [CaseModule, StorageModule, AuditModule],
  controllers: [ReportAttachmentController],
  providers: [ReportAttachmentService, ThumbnailAudit],
})
export class ReportAttachmentModule implements OnModuleInit {
  constructor(
    private readonly adapter: HttpAdapterHost,
    private readonly attachments: ReportAttachmentService,
  ) {}

  /** Before the server is ready, so the upload route's multipart body has its parser. */
  onModuleInit(): void {
    registerUploadBodyParser(this.adapter.httpAdapter.getInstance<FastifyInstance>(), (address) => this.attachments.admitUpload(address));
  }
}
