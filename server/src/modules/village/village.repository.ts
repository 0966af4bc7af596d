import { Injectable } from '@nestjs/common';
import type { DisclosureKind } from '@mashang/shared';
import { DataSource, In, type Repository } from 'typeorm';
import { DisclosureVersionEntity } from '../publishing/disclosure-version.entity.js';
import { DisclosureAttachmentEntity } from '../publishing/disclosure-attachment.entity.js';
import { DisclosureEntity } from '../publishing/disclosure.entity.js';
import { PowerItemEntity } from '../power-list/power-item.entity.js';

/** Disclosures the public may see; a withdrawn one stays listed with its reason. */
const PUBLIC_STATUSES: DisclosureEntity['status'][] = ['published', 'withdrawn'];

/** Reads of a village's public content: power items and disclosures. */
@Injectable()
export class VillageRepository {
  private readonly powerItems: Repository<PowerItemEntity>;
  private readonly disclosures: Repository<DisclosureEntity>;
  private readonly versions: Repository<DisclosureVersionEntity>;
  private readonly attachments: Repository<DisclosureAttachmentEntity>;

  constructor(dataSource: DataSource) {
    this.powerItems = dataSource.getRepository(PowerItemEntity);
    this.disclosures = dataSource.getRepository(DisclosureEntity);
    this.versions = dataSource.getRepository(DisclosureVersionEntity);
    this.attachments = dataSource.getRepository(DisclosureAttachmentEntity);
  }

  powerItemsOf(villageCode: string): Promise<PowerItemEntity[]> {
    return this.powerItems.find({
      select: { id: true, category: true, title: true, sortOrder: true },
      where: { villageCode },
      order: { sortOrder: 'ASC', id: 'ASC' },
    });
  }

  async villageOfPowerItem(id: number): Promise<string | null> {
    return (await this.powerItems.findOne({ select: { villageCode: true }, where: { id } }))?.villageCode ?? null;
  }

  /** The village of a disclosure, whatever its status (the public reads decide what shows). */
  async villageOfDisclosure(id: number): Promise<string | null> {
    return (await this.disclosures.findOne({ select: { villageCode: true }, where: { id } }))?.villageCode ?? null;
  }

  findPowerItem(id: number): Promise<PowerItemEntity | null> {
    return this.powerItems.findOneBy({ id });
  }

  disclosuresOf(villageCode: string, kind?: DisclosureKind, limit = 200): Promise<DisclosureEntity[]> {
    return this.disclosures.find({
      select: { id: true, kind: true, type: true, title: true, period: true, publishedAt: true, status: true, corrected: true },
      where: { villageCode, status: In(PUBLIC_STATUSES), ...(kind ? { kind } : {}) },
      order: { publishedAt: 'DESC', id: 'DESC' },
      take: limit,
    });
  }

  findDisclosure(id: number): Promise<DisclosureEntity | null> {
    return this.disclosures.findOneBy({ id, status: In(PUBLIC_STATUSES) });
  }

  /** The published versions of a disclosure, oldest first: drafts and sent-back versions never show. */
  publishedVersionsOf(disclosureId: number): Promise<DisclosureVersionEntity[]> {
    return this.versions.find({ where: { disclosureId, status: 'published' }, order: { versionNo: 'ASC' } });
  }

  /** A version's photos and files, in the order they were added. */
  attachmentsOf(versionId: number): Promise<DisclosureAttachmentEntity[]> {
    return this.attachments.find({ where: { versionId }, order: { id: 'ASC' } });
  }
}
