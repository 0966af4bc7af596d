import { Controller, Req, Res } from '@nestjs/common';
import { contract } from '@mashang/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Clock } from '../../common/clock.js';
import { villageScopes } from '../../common/content-versions/content-versions.js';
import { ContractRoute, type ParsedInput, RouteInput } from '../../common/contract-route.js';
import { chinaDate } from '../calendar/china-date.js';
import { sendSpreadsheet } from '../publishing/send-spreadsheet.js';
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
    private readonly clock: Clock,
  ) {}

  // The public answers below come from the in-memory cache (public-cache.ts), rebuilt when the
  // village's content versions move; each is shaped by its route's schema when built.

  @ContractRoute(routes.page)
  async page(@RouteInput() { params }: In<'page'>, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    // The page shows a record up to yesterday and what is overdue today: the China date is part of the key.
    const today = chinaDate(this.clock.now());
    const answer = await this.cache.get(routes.page, `page ${params.code} ${today}`, villageScopes(params.code), () =>
      this.villages.page(params.code, today),
    );
    return this.cache.send(request, reply, answer);
  }

  @ContractRoute(routes.disclosures)
  async disclosures(@RouteInput() { params, query }: In<'disclosures'>, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const key = `disclosures ${params.code} ${query.kind ?? ''}`;
    const answer = await this.cache.get(routes.disclosures, key, villageScopes(params.code), () =>
      this.villages.disclosures(params.code, query.kind),
    );
    return this.cache.send(request, reply, answer);
  }

  @ContractRoute(routes.powerItem)
  async powerItem(@RouteInput() { params }: In<'powerItem'>, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const village = await this.villages.villageOfPowerItem(params.id);
    const answer = await this.cache.get(routes.powerItem, `power-item ${params.id}`, villageScopes(village), () =>
      this.villages.powerItem(params.id),
    );
    return this.cache.send(request, reply, answer);
  }

  @ContractRoute(routes.disclosure)
  async disclosure(@RouteInput() { params }: In<'disclosure'>, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const village = await this.villages.villageOfDisclosure(params.id);
    const answer = await this.cache.get(routes.disclosure, `disclosure ${params.id}`, villageScopes(village), () =>
      this.villages.disclosure(params.id),
    );
    return this.cache.send(request, reply, answer);
  }

  @ContractRoute(routes.disclosureVersion)
  async disclosureVersion(@RouteInput() { params }: In<'disclosureVersion'>, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const village = await this.villages.villageOfDisclosure(params.id);
    const key = `disclosure-version ${params.id} ${params.versionNo}`;
    const answer = await this.cache.get(routes.disclosureVersion, key, villageScopes(village), () =>
      this.villages.disclosureVersion(params.id, params.versionNo),
    );
    return this.cache.send(request, reply, answer);
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
