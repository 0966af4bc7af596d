import { Injectable } from '@nestjs/common';
import { type PosterQuery, countyCodeOf, townshipCodeOf } from '@mashang/shared';
import { DomainError } from '../../common/domain-error.js';
import type { RegionEntity } from '../region/region.entity.js';
import { RegionRepository } from '../region/region.repository.js';
import type { StaffAccountEntity } from '../staff/staff-account.entity.js';
import { QrCodeService } from '../village/qr-code.service.js';
import { type PosterPage, hotlineOf } from './poster-content.js';

/** The posters asked for: their pages, a title, and a file name without extension. */
export interface PosterSet {
  title: string;
  fileName: string;
  pages: PosterPage[];
}

@Injectable()
export class PosterService {
  constructor(
    private readonly regions: RegionRepository,
    private readonly qr: QrCodeService,
  ) {}

  /**
   * A township's villages or one village, within the caller's jurisdiction (a township handler's
   * township, a county supervisor's county). Region codes are public, so a code outside it is
   * refused as such rather than hidden.
   */
  async posters(account: StaffAccountEntity, query: PosterQuery): Promise<PosterSet> {
    const code = query.village ?? query.township ?? '';
    if (!code.startsWith(account.regionCode)) throw new DomainError('FORBIDDEN');
    const townshipCode = townshipCodeOf(code);
    const [villages, regions] = await Promise.all([
      query.village ? this.regions.findVillage(query.village).then((v) => (v ? [v] : [])) : this.regions.villagesUnder(townshipCode),
      this.regions.findMany([countyCodeOf(code), townshipCode]),
    ]);
    const township = regions.find((r) => r.code === townshipCode && r.level === 'township');
    if (!township || villages.length === 0) throw new DomainError('NOT_FOUND');
    const county = regions.find((r) => r.code === countyCodeOf(code));
    const pages = villages.map((v) => this.page(v, township, county));
    const subject = query.village ? `${township.name}${villages[0]!.name}` : township.name;
    return { title: `${subject}监督二维码海报`, fileName: `${subject}二维码海报`, pages };
  }

  private page(village: RegionEntity, township: RegionEntity, county: RegionEntity | undefined): PosterPage {
    return {
      villageCode: village.code,
      villageName: village.name,
      regionLine: [county?.name, township.name].filter(Boolean).join(' '),
      link: this.qr.linkFor(village.code),
      qr: this.qr.matrix(village.code),
      hotline: hotlineOf(township.name, township.hotline),
    };
  }
}
