import { Injectable } from '@nestjs/common';
import type { SubsidyLine } from '@mashang/shared';
import { DataSource } from 'typeorm';
import { DomainError } from '../../common/domain-error.js';
import { RegionRepository } from '../region/region.repository.js';
import { DataProtection } from '../../common/data-protection.js';
import { DisclosureVersionEntity } from './disclosure-version.entity.js';
import { DisclosureEntity } from './disclosure.entity.js';
import { nameColumnOf } from './screen-personal-numbers.js';

/**
 * 码上查: a villager gives their name and full ID number and sees the lines of the village's
 * published lists that name them, masked as published. A miss answers exactly like no list at all,
 * and nothing of what was asked is logged or stored.
 */
@Injectable()
export class SubsidyLookupService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly regions: RegionRepository,
    private readonly protection: DataProtection,
  ) {}

  async lookup(villageCode: string, name: string, idNumber: string): Promise<{ items: SubsidyLine[] }> {
    if (!(await this.regions.findVillage(villageCode))) throw new DomainError('VILLAGE_NOT_FOUND');
    const lists: Array<DisclosureEntity & { identityData: string | null }> = await this.dataSource
      .getRepository(DisclosureEntity)
      .createQueryBuilder('d')
      .innerJoin(DisclosureVersionEntity, 'v', 'v.disclosure_id = d.id AND v.version_no = d.version_no')
      .addSelect('v.identity_data', 'identity_data')
      .where("d.village_code = :villageCode AND d.status = 'published' AND v.identity_data IS NOT NULL", { villageCode })
      .orderBy('d.published_at', 'DESC')
      .getRawAndEntities()
      .then(({ raw, entities }) =>
        entities.map((entity, i) => Object.assign(entity, { identityData: (raw[i] as { identity_data: string | null }).identity_data })),
      );
    const items: SubsidyLine[] = [];
    for (const list of lists) {
      if (!list.table || !list.identityData) continue;
      const identities = JSON.parse(this.protection.decrypt(list.identityData)) as Array<Array<string | null>>;
      const nameColumn = nameColumnOf(list.table.columns);
      list.table.rows.forEach((row, r) => {
        if (row[nameColumn]?.trim() === name && identities[r]?.includes(idNumber)) {
          items.push({
            disclosureId: list.id,
            title: list.title,
            period: list.period,
            publishedAt: list.publishedAt.toISOString(),
            columns: list.table!.columns,
            row,
          });
        }
      });
    }
    return { items };
  }
}
