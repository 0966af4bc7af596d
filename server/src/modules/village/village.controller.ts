import { Controller, Req, Res } from '@nestjs/common';
import { contract } from '@mashang/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ContractRoute, type ParsedInput, RouteInput } from '../../common/contract-route.js';
import { sendSpreadsheet } from '../publishing/send-spreadsheet.js';
import { PublicAnswers } from './public-answers.js';
import { PublicCache } from './public-cache.js';
import { QrCodeService } from './qr-code.service.js';
import { VillageService } from './village.service.js';

const routes = contract.village;
type In<K extends keyof typeof routes> = ParsedInput<(typeof routes)[K]>;

@Controller()
export class VillageController {
  constructor(
    private readonly villages: VillageService,
    private readonly qr: QrCodeService,
    private readonly cache: PublicCache,
    private readonly answers: PublicAnswers,
  ) {}

  // The public answers below come from the in-memory cache (public-cache.ts), rebuilt when the
  // village's content versions move; each is shaped by its route's schema when built. They are
  // usually served before this controller is reached (public-fast-path.ts): it answers what that
  // path leaves to it, errors included.

  @ContractRoute(routes.page)
  async page(@RouteInput() { params }: In<'page'>, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.cache.send(request, reply, await this.answers.page(params.code));
  }

  @ContractRoute(routes.disclosures)
  async disclosures(@RouteInput() { params, query }: In<'disclosures'>, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.cache.send(request, reply, await this.answers.disclosures(params.code, query.kind));
  }

  @ContractRoute(routes.powerItem)
  async powerItem(@RouteInput() { params }: In<'powerItem'>, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.cache.send(request, reply, await this.answers.powerItem(params.id));
  }

  @ContractRoute(routes.disclosure)
  async disclosure(@RouteInput() { params }: In<'disclosure'>, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.cache.send(request, reply, await this.answers.disclosure(params.id));
  }

  @ContractRoute(routes.disclosureVersion)
  async disclosureVersion(@RouteInput() { params }: In<'disclosureVersion'>, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.cache.send(request, reply, await this.answers.disclosureVersion(params.id, params.versionNo));
  }

  @ContractRoute(routes.disclosureTable)
  async disclosureTable(@RouteInput() { params }: In<'disclosureTable'>, @Res() reply: FastifyReply) {
    const { title, workbook } = await this.villages.disclosureTable(params.id);
    return sendSpreadsheet(reply, `${title}.xlsx`, workbook);
  }

  @ContractRoute(routes.qrSvg)
  async qrSvg(@RouteInput() { params }: In<'qrSvg'>, @Res() reply: FastifyReply) {
    await this.villages.assertVillageExists(params.code);
    return reply
      .type('image/svg+xml')
      .header('cache-control', 'public, max-age=86400')
      .send(await this.qr.svg(params.code));
  }

  @ContractRoute(routes.qrPng)
  async qrPng(@RouteInput() { params }: In<'qrPng'>, @Res() reply: FastifyReply) {
    await this.villages.assertVillageExists(params.code);
    return reply
      .type('image/png')
      .header('cache-control', 'public, max-age=86400')
      .send(await this.qr.png(params.code));
  }
}
