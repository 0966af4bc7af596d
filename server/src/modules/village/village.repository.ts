import { Injectable } from '@nestjs/common';
import type { DisclosureKind } from '@mashang/shared';
import { DataSource, type Repository } from 'typeorm';
import { DisclosureEntity } from './disclosure.entity.js';
import { PowerItemEntity } from './power-item.entity.js';

/** Reads of a village's public content: power items and disclosures. */
@Injectable()
export class VillageRepository {
  private readonly powerItems: Repository<PowerItemEntity>;
  private readonly disclosures: Repository<DisclosureEntity>;

  constructor(dataSource: DataSource) {
    this.powerItems = dataSource.getRepository(PowerItemEntity);
    this.disclosures = dataSource.getRepository(DisclosureEntity);
  }

  powerItemsOf(villageCode: string): Promise<PowerItemEntity[]> {
    return this.powerItems.find({
      select: { id: true, category: true, title: true, sortOrder: true },
      where: { villageCode },
      order: { sortOrder: 'ASC', id: 'ASC' },
    });
  }

  findPowerItem(id: number): Promise<PowerItemEntity | null> {
    return this.powerItems.findOneBy({ id });
  }

  disclosuresOf(villageCode: string, kind?: DisclosureKind, limit = 200): Promise<DisclosureEntity[]> {
    return this.disclosures.find({
      select: { id: true, kind: true, type: true, title: true, period: true, publishedAt: true },
      where: { villageCode, ...(kind ? { kind } : {}) },
      order: { publishedAt: 'DESC', id: 'DESC' },
      take: limit,
    });
  }

  findDisclosure(id: number): Promise<DisclosureEntity | null> {
    return this.disclosures.findOneBy({ id });
  }
}
