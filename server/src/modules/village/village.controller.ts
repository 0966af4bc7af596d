import { Controller, Res } from '@nestjs/common';
import { contract } from '@mashang/shared';
import type { FastifyReply } from 'fastify';
import { ContractRoute, type ParsedInput, RouteInput } from '../../common/contract-route.js';
import { sendSpreadsheet } from '../publishing/send-spreadsheet.js';
import { QrCodeService } from './qr-code.service.js';
import { VillageService } from './village.service.js';

const routes = contract.village;
type In<K extends keyof typeof routes> = ParsedInput<(typeof routes)[K]>;

@Controller()
export class VillageController {
  constructor(
    private readonly villages: VillageService,
    private readonly qr: QrCodeService,
  ) {}

  @ContractRoute(routes.page)
  page(@RouteInput() { params }: In<'page'>) {
    return this.villages.page(params.code);
  }

  @ContractRoute(routes.disclosures)
  disclosures(@RouteInput() { params, query }: In<'disclosures'>) {
    return this.villages.disclosures(params.code, query.kind);
  }

  @ContractRoute(routes.powerItem)
  powerItem(@RouteInput() { params }: In<'powerItem'>) {
    return this.villages.powerItem(params.id);
  }

  @ContractRoute(routes.disclosure)
  disclosure(@RouteInput() { params }: In<'disclosure'>) {
    return this.villages.disclosure(params.id);
  }

  @ContractRoute(routes.disclosureVersion)
  disclosureVersion(@RouteInput() { params }: In<'disclosureVersion'>) {
    return this.villages.disclosureVersion(params.id, params.versionNo);
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
