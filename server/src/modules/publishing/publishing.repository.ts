import { Injectable } from '@nestjs/common';
import type { DisclosureKind } from '@mashang/shared';
import { DataSource, type EntityManager, In, Like } from 'typeorm';
import { DisclosureEntity } from './disclosure.entity.js';
import { RegionEntity } from '../region/region.entity.js';
import { type DisclosureEventAction, DisclosureEventEntity } from './disclosure-event.entity.js';
import { DisclosureVersionEntity } from './disclosure-version.entity.js';
import { DisclosureAttachmentEntity } from './disclosure-attachment.entity.js';

/** The disclosure aggregate as publishing sees it: the disclosure, its versions and its history. */
@Injectable()
export class PublishingRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** A disclosure inside the region (a village's own code, or a township's or county's prefix). */
  findWithin(id: number, regionCode: string, manager: EntityManager = this.dataSource.manager): Promise<DisclosureEntity | null> {
    return manager.getRepository(DisclosureEntity).findOneBy({ id, villageCode: Like(`${regionCode}%`) });
  }

  /** A disclosure the public sees with its content: published, not withdrawn. */
  findPublished(id: number): Promise<DisclosureEntity | null> {
    return this.dataSource.getRepository(DisclosureEntity).findOneBy({ id, status: 'published' });
  }

  listWithin(regionCode: string, filter: { village?: string; kind?: DisclosureKind }, limit: number): Promise<DisclosureEntity[]> {
    const village = filter.village?.startsWith(regionCode) ? filter.village : undefined;
    if (filter.village && !village) return Promise.resolve([]);
    return this.dataSource.getRepository(DisclosureEntity).find({
      select: {
        id: true,
        villageCode: true,
        kind: true,
        type: true,
        title: true,
        period: true,
        status: true,
        openVersionId: true,
        correctionRequired: true,
        updatedAt: true,
        publishedAt: true,
      },
      where: { villageCode: village ?? Like(`${regionCode}%`), ...(filter.kind ? { kind: filter.kind } : {}) },
      order: { updatedAt: 'DESC', id: 'DESC' },
      take: limit,
    });
  }

  versionsOf(disclosureIds: number[]): Promise<DisclosureVersionEntity[]> {
    if (disclosureIds.length === 0) return Promise.resolve([]);
    return this.dataSource
      .getRepository(DisclosureVersionEntity)
      .find({ where: { disclosureId: In(disclosureIds) }, order: { versionNo: 'ASC' } });
  }

  eventsOf(disclosureId: number): Promise<DisclosureEventEntity[]> {
    return this.dataSource.getRepository(DisclosureEventEntity).find({ where: { disclosureId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async villageNames(codes: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(codes)];
    if (unique.length === 0) return new Map();
    const regions = await this.dataSource
      .getRepository(RegionEntity)
      .find({ select: { code: true, name: true }, where: { code: In(unique) } });
    return new Map(regions.map((r) => [r.code, r.name]));
  }

  async addEvent(
    manager: EntityManager,
    disclosureId: number,
    accountId: number,
    action: DisclosureEventAction,
    comment: string | null,
    at: Date,
  ): Promise<void> {
    await manager.getRepository(DisclosureEventEntity).insert({ disclosureId, accountId, action, comment, createdAt: at });
  }

  /** Moves a version from one of `from` to a new status; false when another request moved it first. */
  async moveVersion(
    manager: EntityManager,
    versionId: number,
    from: DisclosureVersionEntity['status'][],
    changes: Partial<DisclosureVersionEntity>,
  ): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(DisclosureVersionEntity)
      .set(changes)
      .where('id = :versionId AND status IN (:...from)', { versionId, from })
      .execute();
    return result.affected === 1;
  }

  /** Opens a new version on a disclosure that has none open: its id, or null when one was opened meanwhile. */
  async openVersion(
    manager: EntityManager,
    disclosure: DisclosureEntity,
    version: Omit<DisclosureVersionEntity, 'id'>,
  ): Promise<number | null> {
    const { identifiers } = await manager.getRepository(DisclosureVersionEntity).insert(version);
    const versionId = (identifiers[0] as { id: number }).id;
    const claimed = await manager
      .createQueryBuilder()
      .update(DisclosureEntity)
      .set({ openVersionId: versionId, updatedAt: version.draftedAt })
      .where('id = :id AND open_version_id IS NULL', { id: disclosure.id })
      .execute();
    return claimed.affected === 1 ? versionId : null;
  }

  // ---- attachments ----

  /** The photos and files of the versions, in the order they were added. */
  attachmentsOf(versionIds: number[], manager: EntityManager = this.dataSource.manager): Promise<DisclosureAttachmentEntity[]> {
    if (versionIds.length === 0) return Promise.resolve([]);
    return manager.getRepository(DisclosureAttachmentEntity).find({ where: { versionId: In(versionIds) }, order: { id: 'ASC' } });
  }

  findAttachment(disclosureId: number, attachmentId: number): Promise<DisclosureAttachmentEntity | null> {
    return this.dataSource.getRepository(DisclosureAttachmentEntity).findOneBy({ id: attachmentId, disclosureId });
  }

  async addAttachment(manager: EntityManager, attachment: Omit<DisclosureAttachmentEntity, 'id'>): Promise<void> {
    await manager.getRepository(DisclosureAttachmentEntity).insert(attachment);
  }

  /** Gives a new version rows of its own for the files of another, pointing at the same stored bytes. */
  async copyAttachments(manager: EntityManager, fromVersionId: number, toVersionId: number): Promise<void> {
    const rows = await this.attachmentsOf([fromVersionId], manager);
    for (const { id: _, ...row } of rows) {
      await manager.getRepository(DisclosureAttachmentEntity).insert({ ...row, versionId: toVersionId });
    }
  }

  /** Removes a version's row; false when it was removed meanwhile. */
  async removeAttachment(manager: EntityManager, attachmentId: number, versionId: number): Promise<boolean> {
    const result = await manager.getRepository(DisclosureAttachmentEntity).delete({ id: attachmentId, versionId });
    return result.affected === 1;
  }

  /** Whether any row still points at the stored file. */
  async isStoredFileUsed(storageKey: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    return (await manager.getRepository(DisclosureAttachmentEntity).countBy({ storageKey })) > 0;
  }
}
