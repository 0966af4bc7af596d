import { Injectable } from '@nestjs/common';
import { type DisclosureTable, type RedFlagStatus, countyCodeOf, townshipCodeOf } from '@mashang/shared';
import { DataSource, type EntityManager, In, Like } from 'typeorm';
import { isUniqueViolation } from '../../database/unique-violation.js';
import { DisclosureVersionEntity } from '../publishing/disclosure-version.entity.js';
import type { ComparisonData, Finding } from './compare-list.js';
import {
  CadreRosterEntity,
  DeceasedPersonEntity,
  RecipientIndexEntity,
  RedFlagCheckEntity,
  RedFlagEntity,
  SubsidyStandardEntity,
} from './red-flag.entities.js';

/** A published list waiting to be compared in its current version. */
export interface PendingList {
  id: number;
  versionNo: number;
  villageCode: string;
  type: string;
  period: string;
  table: DisclosureTable | null;
  identityData: string;
}

@Injectable()
export class RedFlagRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Published lists with identities whose current version has no check yet; lists withdrawn since leave the index. */
  async pendingLists(regionPrefix: string): Promise<PendingList[]> {
    await this.dataSource.query(
      "DELETE FROM recipient_index WHERE disclosure_id IN (SELECT id FROM disclosures WHERE status <> 'published')",
    );
    const rows: Array<{
      id: number;
      version_no: number;
      village_code: string;
      type: string;
      period: string;
      table_data: string | null;
      identity_data: string;
    }> = await this.dataSource
      .createQueryBuilder()
      .select([
        'd.id AS id',
        'd.version_no AS version_no',
        'd.village_code AS village_code',
        'd.type AS type',
        'v.period AS period',
        'v.table_data AS table_data',
        'v.identity_data AS identity_data',
      ])
      .from('disclosures', 'd')
      .innerJoin('disclosure_versions', 'v', 'v.disclosure_id = d.id AND v.version_no = d.version_no')
      .where("d.status = 'published' AND v.identity_data IS NOT NULL AND d.village_code LIKE :prefix", { prefix: `${regionPrefix}%` })
      .andWhere('NOT EXISTS (SELECT 1 FROM red_flag_checks c WHERE c.disclosure_id = d.id AND c.version_no = d.version_no)')
      .orderBy('d.id')
      .getRawMany();
    return rows.map((r) => ({
      id: Number(r.id),
      versionNo: Number(r.version_no),
      villageCode: r.village_code,
      type: r.type,
      period: r.period,
      table: r.table_data ? (JSON.parse(r.table_data) as DisclosureTable) : null,
      identityData: r.identity_data,
    }));
  }

  /** What a list is compared with: same-type lists of the period in other villages of the county, the township's rosters and deceased list, the county's standard. */
  async comparisonData(list: PendingList, hashes: string[]): Promise<ComparisonData> {
    const standard = await this.dataSource
      .getRepository(SubsidyStandardEntity)
      .findOneBy({ countyCode: countyCodeOf(list.villageCode), disclosureType: list.type });
    if (hashes.length === 0)
      return {
        otherLists: [],
        roster: [],
        deceased: [],
        standard: standard ? { minFen: Number(standard.minFen), maxFen: Number(standard.maxFen) } : null,
      };
    const [others, roster, deceased] = await Promise.all([
      this.dataSource
        .createQueryBuilder()
        .select([
          'i.disclosure_id AS disclosure_id',
          'i.row_index AS row_index',
          'i.id_hash AS id_hash',
          'd.title AS title',
          'r.name AS village_name',
        ])
        .from('recipient_index', 'i')
        .innerJoin('disclosures', 'd', 'd.id = i.disclosure_id')
        .innerJoin('regions', 'r', 'r.code = i.village_code')
        .where('i.id_hash IN (:...hashes) AND i.disclosure_type = :type AND i.period = :period', {
          hashes,
          type: list.type,
          period: list.period,
        })
        .andWhere('i.village_code <> :village AND i.village_code LIKE :county', {
          village: list.villageCode,
          county: `${countyCodeOf(list.villageCode)}%`,
        })
        .getRawMany<{ disclosure_id: number; row_index: number; id_hash: string; title: string; village_name: string }>(),
      this.dataSource
        .createQueryBuilder()
        .select(['c.id_hash AS id_hash', 'c.position AS position', 'r.name AS village_name'])
        .from('cadre_roster', 'c')
        .innerJoin('regions', 'r', 'r.code = c.village_code')
        .where('c.id_hash IN (:...hashes) AND c.village_code LIKE :township', { hashes, township: `${townshipCodeOf(list.villageCode)}%` })
        .getRawMany<{ id_hash: string; position: string; village_name: string }>(),
      this.dataSource.getRepository(DeceasedPersonEntity).findBy({ idHash: In(hashes), townshipCode: townshipCodeOf(list.villageCode) }),
    ]);
    return {
      otherLists: others.map((o) => ({
        disclosureId: Number(o.disclosure_id),
        rowIndex: Number(o.row_index),
        idHash: o.id_hash,
        title: o.title,
        villageName: o.village_name,
      })),
      roster: roster.map((c) => ({ idHash: c.id_hash, detail: `${c.village_name} ${c.position}` })),
      deceased: deceased.map((d) => ({ idHash: d.idHash, detail: d.diedOn })),
      standard: standard ? { minFen: Number(standard.minFen), maxFen: Number(standard.maxFen) } : null,
    };
  }

  /** Indexes the list's current version, raises its findings once each, and marks it compared: one transaction. */
  async recordComparison(list: PendingList, people: Array<string | null>, findings: Finding[], now: Date): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.getRepository(RecipientIndexEntity).delete({ disclosureId: list.id });
      const entries = people.flatMap((idHash, rowIndex) =>
        idHash
          ? [
              {
                disclosureId: list.id,
                versionNo: list.versionNo,
                villageCode: list.villageCode,
                disclosureType: list.type,
                period: list.period,
                rowIndex,
                idHash,
              },
            ]
          : [],
      );
      for (let i = 0; i < entries.length; i += 500) await manager.getRepository(RecipientIndexEntity).insert(entries.slice(i, i + 500));
      const known = new Set(
        findings.length === 0
          ? []
          : (
              await manager
                .getRepository(RedFlagEntity)
                .find({ select: { findingKey: true }, where: { findingKey: In(findings.map((f) => f.key)) } })
            ).map((f) => f.findingKey),
      );
      const fresh = findings.filter((f) => !known.has(f.key));
      // One insert each: a comparison running at the same time elsewhere may have raised the same finding.
      for (const f of fresh) {
        try {
          await manager.getRepository(RedFlagEntity).insert({
            findingKey: f.key,
            kind: f.kind,
            status: 'open' as const,
            disclosureId: list.id,
            versionNo: list.versionNo,
            villageCode: list.villageCode,
            rowIndex: f.rowIndex,
            evidence: f.evidence,
            raisedAt: now,
          });
        } catch (error) {
          if (!isUniqueViolation(error)) throw error;
        }
      }
      try {
        await manager.getRepository(RedFlagCheckEntity).insert({ disclosureId: list.id, versionNo: list.versionNo, checkedAt: now });
      } catch (error) {
        // Another instance compared the same version at the same time; its findings are the same.
        if (!isUniqueViolation(error)) throw error;
      }
    });
  }

  flagsWithin(regionCode: string, filter: { status?: RedFlagStatus; village?: string }): Promise<RedFlagEntity[]> {
    if (filter.village && !filter.village.startsWith(regionCode)) return Promise.resolve([]);
    return this.dataSource.getRepository(RedFlagEntity).find({
      where: { villageCode: filter.village ?? Like(`${regionCode}%`), ...(filter.status ? { status: filter.status } : {}) },
      order: { raisedAt: 'DESC', id: 'DESC' },
      take: 500,
    });
  }

  findWithin(id: number, regionCode: string): Promise<RedFlagEntity | null> {
    return this.dataSource.getRepository(RedFlagEntity).findOneBy({ id, villageCode: Like(`${regionCode}%`) });
  }

  /** Resolves an open flag; false when it was resolved meanwhile. */
  async resolve(id: number, changes: Partial<RedFlagEntity>): Promise<boolean> {
    const result = await this.dataSource
      .createQueryBuilder()
      .update(RedFlagEntity)
      .set(changes)
      .where("id = :id AND status = 'open'", { id })
      .execute();
    return result.affected === 1;
  }

  async versionsOf(keys: ReadonlyArray<readonly [number, number]>): Promise<Map<string, DisclosureVersionEntity>> {
    if (keys.length === 0) return new Map();
    const versions = await this.dataSource
      .getRepository(DisclosureVersionEntity)
      .findBy({ disclosureId: In([...new Set(keys.map(([id]) => id))]) });
    return new Map(versions.map((v) => [`${v.disclosureId}:${v.versionNo}`, v]));
  }

  /** Replaces a village's roster and asks for the township's lists to be compared again. */
  async replaceRoster(villageCode: string, entries: Array<Omit<CadreRosterEntity, 'id'>>, townshipCode: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.getRepository(CadreRosterEntity).delete({ villageCode });
      if (entries.length > 0) await manager.getRepository(CadreRosterEntity).insert(entries);
      await this.forgetChecks(manager, townshipCode);
    });
  }

  async replaceDeceased(townshipCode: string, entries: Array<Omit<DeceasedPersonEntity, 'id'>>): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.getRepository(DeceasedPersonEntity).delete({ townshipCode });
      for (let i = 0; i < entries.length; i += 500) await manager.getRepository(DeceasedPersonEntity).insert(entries.slice(i, i + 500));
      await this.forgetChecks(manager, townshipCode);
    });
  }

  async saveStandard(standard: SubsidyStandardEntity): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager
        .getRepository(SubsidyStandardEntity)
        .delete({ countyCode: standard.countyCode, disclosureType: standard.disclosureType });
      await manager.getRepository(SubsidyStandardEntity).insert(standard);
      await this.forgetChecks(manager, standard.countyCode);
    });
  }

  /** Asks for every list under the region to be compared again, at the next comparison. */
  private async forgetChecks(manager: EntityManager, regionPrefix: string): Promise<void> {
    await manager
      .createQueryBuilder()
      .delete()
      .from(RedFlagCheckEntity)
      .where('disclosure_id IN (SELECT id FROM disclosures WHERE village_code LIKE :prefix)', { prefix: `${regionPrefix}%` })
      .execute();
  }
}
