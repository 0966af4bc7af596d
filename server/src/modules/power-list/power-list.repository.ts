import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In, Like, type Repository } from 'typeorm';
import { PowerItemEntity } from './power-item.entity.js';
import { PowerItemVersionEntity } from './power-item-version.entity.js';
import { PowerTemplateVersionEntity } from './power-template-version.entity.js';
import { PowerTemplateEntity } from './power-template.entity.js';

export interface Adoption {
  /** Villages with a copy of the template. */
  adopted: number;
  /** Of those, the ones following an older version than the latest. */
  behind: number;
}

/** Templates, their versions, and the village copies as the power list sees them. */
@Injectable()
export class PowerListRepository {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(PowerTemplateEntity) private readonly templates: Repository<PowerTemplateEntity>,
    @InjectRepository(PowerTemplateVersionEntity) private readonly templateVersions: Repository<PowerTemplateVersionEntity>,
    @InjectRepository(PowerItemEntity) private readonly items: Repository<PowerItemEntity>,
  ) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  templatesOf(countyCode: string): Promise<PowerTemplateEntity[]> {
    return this.templates.find({ where: { countyCode }, order: { sortOrder: 'ASC', id: 'ASC' } });
  }

  findTemplate(id: number, countyCode: string, manager?: EntityManager): Promise<PowerTemplateEntity | null> {
    return (manager?.getRepository(PowerTemplateEntity) ?? this.templates).findOneBy({ id, countyCode });
  }

  templatesByIds(ids: number[]): Promise<PowerTemplateEntity[]> {
    const unique = [...new Set(ids)];
    return unique.length ? this.templates.findBy({ id: In(unique) }) : Promise.resolve([]);
  }

  templateVersion(templateId: number, version: number): Promise<PowerTemplateVersionEntity | null> {
    return this.templateVersions.findOneBy({ templateId, version });
  }

  /** Who saved each version and when, oldest first; the content is left out. */
  versionHistory(templateId: number): Promise<PowerTemplateVersionEntity[]> {
    return this.templateVersions.find({
      select: { version: true, accountId: true, createdAt: true },
      where: { templateId },
      order: { version: 'ASC' },
    });
  }

  async adoptionOf(templateIds: number[]): Promise<Map<number, Adoption>> {
    if (templateIds.length === 0) return new Map();
    const rows = await this.items
      .createQueryBuilder('p')
      .innerJoin(PowerTemplateEntity, 't', 't.id = p.template_id')
      .select('p.template_id', 'templateId')
      .addSelect('COUNT(*)', 'adopted')
      .addSelect('SUM(CASE WHEN p.template_version < t.version THEN 1 ELSE 0 END)', 'behind')
      .where('p.template_id IN (:...templateIds)', { templateIds })
      .groupBy('p.template_id')
      .getRawMany<{ templateId: number | string; adopted: number | string; behind: number | string | null }>();
    return new Map(rows.map((r) => [Number(r.templateId), { adopted: Number(r.adopted), behind: Number(r.behind ?? 0) }]));
  }

  async nextTemplateSortOrder(manager: EntityManager, countyCode: string): Promise<number> {
    const row = await manager
      .getRepository(PowerTemplateEntity)
      .createQueryBuilder('t')
      .select('MAX(t.sort_order)', 'max')
      .where('t.county_code = :countyCode', { countyCode })
      .getRawOne<{ max: number | string | null }>();
    return Number(row?.max ?? 0) + 1;
  }

  /** Moves a template to a new version; false when another save moved it first. */
  async advanceTemplate(manager: EntityManager, id: number, fromVersion: number, changes: Partial<PowerTemplateEntity>): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(PowerTemplateEntity)
      .set({ ...changes, version: fromVersion + 1 })
      .where('id = :id AND version = :fromVersion', { id, fromVersion })
      .execute();
    return result.affected === 1;
  }

  itemsOf(villageCode: string): Promise<PowerItemEntity[]> {
    return this.items.find({
      select: { id: true, category: true, title: true, templateId: true, templateVersion: true, adjusted: true, sortOrder: true },
      where: { villageCode },
      order: { sortOrder: 'ASC', id: 'ASC' },
    });
  }

  /** An item of a village inside the region (the village's own code, or a township's or county's prefix). */
  findItemWithin(id: number, regionCode: string): Promise<PowerItemEntity | null> {
    return this.items.findOneBy({ id, villageCode: Like(`${regionCode}%`) });
  }

  findItem(id: number): Promise<PowerItemEntity | null> {
    return this.items.findOneBy({ id });
  }

  async nextItemSortOrder(manager: EntityManager, villageCode: string): Promise<number> {
    const row = await manager
      .getRepository(PowerItemEntity)
      .createQueryBuilder('p')
      .select('MAX(p.sort_order)', 'max')
      .where('p.village_code = :villageCode', { villageCode })
      .getRawOne<{ max: number | string | null }>();
    return Number(row?.max ?? -1) + 1;
  }

  /** Changes a village copy that is still at `fromVersion`, making it the next version; false when it had moved on. */
  async advanceItem(manager: EntityManager, id: number, fromVersion: number, changes: Partial<PowerItemEntity>): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(PowerItemEntity)
      .set({ ...changes, version: fromVersion + 1 })
      .where('id = :id AND version = :fromVersion', { id, fromVersion })
      .execute();
    return result.affected === 1;
  }

  async addItemVersion(manager: EntityManager, version: Omit<PowerItemVersionEntity, 'id'>): Promise<void> {
    await manager.getRepository(PowerItemVersionEntity).insert(version);
  }
}
