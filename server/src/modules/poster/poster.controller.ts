import { Controller, Res } from '@nestjs/common';
import { contract } from '@mashang/shared';
import type { FastifyReply } from 'fastify';
import { ContractRoute, type ParsedInput, RouteInput } from '../../common/contract-route.js';
import { CurrentStaff } from '../staff/staff-auth.guard.js';
import type { StaffAccountEntity } from '../staff/staff-account.entity.js';
import { renderPosterHtml } from './poster-html.js';
import { renderPosterPdf } from './poster-pdf.js';
import { PosterService } from './poster.service.js';

const routes = contract.poster;
type In<K extends keyof typeof routes> = ParsedInput<(typeof routes)[K]>;

/** Both answers are files, sent here as the QR PNG route sends its image, never cached on the way. */
@Controller()
export class PosterController {
  constructor(private readonly posters: PosterService) {}

  @ContractRoute(routes.pdf)
  async pdf(@RouteInput() { query }: In<'pdf'>, @CurrentStaff() account: StaffAccountEntity, @Res() reply: FastifyReply) {
    const set = await this.posters.posters(account, query);
    return reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="posters.pdf"; filename*=UTF-8''${encodeURIComponent(`${set.fileName}.pdf`)}`)
      .header('cache-control', 'no-store')
      .send(await renderPosterPdf(set.pages, set.title));
  }

  @ContractRoute(routes.html)
  async html(@RouteInput() { query }: In<'html'>, @CurrentStaff() account: StaffAccountEntity, @Res() reply: FastifyReply) {
    const set = await this.posters.posters(account, query);
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(renderPosterHtml(set.pages, set.title));
  }
}
