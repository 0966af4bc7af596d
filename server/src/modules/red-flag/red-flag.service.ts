import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import {
  type CadreRoster,
  type DeceasedList,
  RED_FLAG_KINDS,
  type RedFlag,
  type RedFlagKind,
  type RedFlagStatus,
  type ReportCategory,
  type SubsidyStandard,
  countyCodeOf,
  maskIdNumber,
  townshipCodeOf,
} from '@mashang/shared';
import { Clock } from '../../common/clock.js';
import { DataProtection } from '../../common/data-protection.js';
import { DomainError } from '../../common/domain-error.js';
import { every, type StopLoop } from '../../common/every.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { RegionRepository } from '../region/region.repository.js';
import { ReportService } from '../case/report.service.js';
import type { StaffAccountEntity } from '../staff/staff-account.entity.js';
import { maskTable } from '../publishing/mask-personal-data.js';
import { compareList } from './compare-list.js';
import { StaffRepository } from '../staff/staff.repository.js';
import { RedFlagRepository } from './red-flag.repository.js';

/** What a flag of each kind most likely is, for the case it becomes. */
const CASE_CATEGORY: Record<RedFlagKind, ReportCategory> = {
  duplicate_in_list: 'false_claims',
  duplicate_across_villages: 'false_claims',
  cadre_roster: 'favoritism',
  amount_outside_standard: 'welfare_funds',
  deceased: 'false_claims',
};

/** 「1,200.50」 → 120050 fen; null for an empty or unreadable cell. */
function fenOf(cell: string | undefined): number | null {
  const plain = cell?.replace(/[,，\s]/g, '') ?? '';
  return /^-?\d+(\.\d{1,2})?$/.test(plain) ? Math.round(Number(plain) * 100) : null;
}

/**
 * 大数据比对. Each published recipient list is compared, once per version, against the other lists
 * of the county, the township's cadre roster and deceased list, and the county's standard amounts.
 * Comparison is pending work in the database (a version without a check row), so it survives restarts
 * and runs wherever it is asked for: by the periodic sweep, and before the township reads its flags.
 */
@Injectable()
export class RedFlagService implements BeforeApplicationShutdown {
  private readonly logger = new Logger('RedFlags');
  private stop: StopLoop = () => Promise.resolve();

  constructor(
    private readonly repository: RedFlagRepository,
    private readonly staff: StaffRepository,
    private readonly regions: RegionRepository,
    private readonly reports: ReportService,
    private readonly protection: DataProtection,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Called once the database is migrated: a timer started earlier would sweep tables not made yet. */
  startSweeping(): void {
    this.stop = every(this.config.sweepIntervalSeconds, () => this.comparePending(''), this.logger);
  }

  /** A run in progress ends before the database closes. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  private idHash(idNumber: string): string {
    return this.protection.keyedHash('id-number', idNumber.toUpperCase()).toString('hex');
  }

  /** Compares every published list under the region code that has not been compared in its current version. */
  async comparePending(regionPrefix: string): Promise<number> {
    const pending = await this.repository.pendingLists(regionPrefix);
    for (const list of pending) {
      const identities = JSON.parse(this.protection.decrypt(list.identityData)) as Array<Array<string | null>>;
      const people = identities.map((ids) => {
        const id = ids.find((value) => value !== null);
        return id ? this.idHash(id) : null;
      });
      const amountColumn = list.table?.columns.findIndex((c) => c.includes('（元）')) ?? -1;
      const amounts = (list.table?.rows ?? []).map((row) => (amountColumn >= 0 ? fenOf(row[amountColumn]) : null));
      const hashes = [...new Set(people.filter((p): p is string => p !== null))];
      const data = await this.repository.comparisonData(list, hashes);
      const findings = compareList({ disclosureId: list.id, versionNo: list.versionNo, people, amounts }, data);
      await this.repository.recordComparison(list, people, findings, this.clock.now());
    }
    return pending.length;
  }

  async list(account: StaffAccountEntity, filter: { status?: RedFlagStatus; village?: string }): Promise<{ items: RedFlag[] }> {
    await this.comparePending(account.regionCode);
    const flags = await this.repository.flagsWithin(account.regionCode, filter);
    return { items: await this.views(flags) };
  }

  async dismiss(account: StaffAccountEntity, id: number, reason: string): Promise<RedFlag> {
    const flag = await this.find(account, id);
    if (
      !(await this.repository.resolve(flag.id, {
        status: 'dismissed',
        resolution: reason,
        resolvedBy: account.id,
        resolvedAt: this.clock.now(),
      }))
    ) {
      throw new DomainError('ACTION_NOT_ALLOWED');
    }
    return this.view(account, id);
  }

  /** Files the flag as a case in the township's inbox, citing the line; a retry gets the same case. */
  async openCase(account: StaffAccountEntity, id: number): Promise<RedFlag> {
    const flag = await this.find(account, id);
    if (flag.status !== 'open') throw new DomainError('ACTION_NOT_ALLOWED');
    const [view] = await this.views([flag]);
    const line = view!.columns.map((column, i) => `${column}：${view!.line[i] ?? ''}`).join('，');
    const receipt = await this.reports.submit(
      {
        idempotencyKey: `red-flag-${flag.id}-${this.protection.keyedHash('red-flag-case', flag.findingKey).toString('hex').slice(0, 16)}`,
        villageCode: flag.villageCode,
        mode: 'anonymous',
        track: 'accusation',
        category: CASE_CATEGORY[flag.kind],
        content: `大数据比对提示「${RED_FLAG_KINDS[flag.kind]}」：《${view!.disclosureTitle}》第${flag.rowIndex + 1}行（${line}）。${flag.evidence}`,
        subject: { disclosureId: flag.disclosureId, disclosureVersion: flag.versionNo, disclosureRow: flag.rowIndex },
      },
      { channel: 'data_check', recordedBy: account.id },
    );
    await this.repository.resolve(flag.id, {
      status: 'case',
      reportNo: receipt.reportNo,
      resolvedBy: account.id,
      resolvedAt: this.clock.now(),
    });
    return this.view(account, id);
  }

  async saveRoster(account: StaffAccountEntity, roster: CadreRoster): Promise<{ entries: number }> {
    const village = await this.regions.findVillage(roster.villageCode);
    if (!village || !village.code.startsWith(account.regionCode)) throw new DomainError('VILLAGE_NOT_FOUND');
    const now = this.clock.now();
    await this.repository.replaceRoster(
      village.code,
      roster.entries.map((e) => ({
        villageCode: village.code,
        name: e.name,
        idHash: this.idHash(e.idNumber),
        idMasked: maskIdNumber(e.idNumber),
        position: e.position,
        createdAt: now,
      })),
      townshipCodeOf(village.code),
    );
    await this.comparePending(townshipCodeOf(village.code));
    return { entries: roster.entries.length };
  }

  async saveDeceased(account: StaffAccountEntity, list: DeceasedList): Promise<{ entries: number }> {
    const now = this.clock.now();
    await this.repository.replaceDeceased(
      account.regionCode,
      list.entries.map((e) => ({
        townshipCode: account.regionCode,
        name: e.name,
        idHash: this.idHash(e.idNumber),
        idMasked: maskIdNumber(e.idNumber),
        diedOn: e.diedOn,
        createdAt: now,
      })),
    );
    await this.comparePending(account.regionCode);
    return { entries: list.entries.length };
  }

  async saveStandard(account: StaffAccountEntity, standard: SubsidyStandard): Promise<SubsidyStandard> {
    const countyCode = countyCodeOf(account.regionCode);
    await this.repository.saveStandard({
      countyCode,
      disclosureType: standard.type,
      minFen: String(Math.round(standard.minAmount * 100)),
      maxFen: String(Math.round(standard.maxAmount * 100)),
      updatedBy: account.id,
      updatedAt: this.clock.now(),
    });
    await this.comparePending(countyCode);
    return standard;
  }

  private async find(account: StaffAccountEntity, id: number) {
    const flag = await this.repository.findWithin(id, account.regionCode);
    if (!flag) throw new DomainError('RED_FLAG_NOT_FOUND');
    return flag;
  }

  private async view(account: StaffAccountEntity, id: number): Promise<RedFlag> {
    const [view] = await this.views([await this.find(account, id)]);
    return view!;
  }

  private async views(flags: Awaited<ReturnType<RedFlagRepository['flagsWithin']>>): Promise<RedFlag[]> {
    const [versions, villages, names] = await Promise.all([
      this.repository.versionsOf(flags.map((f) => [f.disclosureId, f.versionNo] as const)),
      this.regions.findMany([...new Set(flags.map((f) => f.villageCode))]),
      this.staff.displayNames(flags.map((f) => f.resolvedBy)),
    ]);
    return flags.map((f) => {
      const version = versions.get(`${f.disclosureId}:${f.versionNo}`);
      const table = maskTable(version?.table ?? null);
      return {
        id: f.id,
        kind: f.kind,
        status: f.status,
        villageCode: f.villageCode,
        villageName: villages.find((v) => v.code === f.villageCode)?.name ?? '',
        disclosureId: f.disclosureId,
        disclosureTitle: version?.title ?? '',
        versionNo: f.versionNo,
        row: f.rowIndex,
        line: table?.rows[f.rowIndex] ?? [],
        columns: table?.columns ?? [],
        evidence: f.evidence,
        raisedAt: f.raisedAt.toISOString(),
        resolution: f.resolution,
        resolvedBy: f.resolvedBy === null ? null : (names.get(f.resolvedBy) ?? ''),
        resolvedAt: f.resolvedAt ? f.resolvedAt.toISOString() : null,
        reportNo: f.reportNo,
      };
    });
  }
}
