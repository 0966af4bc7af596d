import { Injectable } from '@nestjs/common';
import {
  type Disclosure,
  type DisclosureKind,
  type DisclosureSummary,
  type PublishedVersion,
  POWER_CATEGORIES,
  type PowerCategory,
  type PowerCategoryGroup,
  type PowerItem,
  type VillagePage,
  countyCodeOf,
  townshipCodeOf,
} from '@mashang/shared';
import { DomainError } from '../../common/domain-error.js';
import { Clock } from '../../common/clock.js';
import { chinaDate } from '../calendar/china-date.js';
import { RegionRepository } from '../region/region.repository.js';
import { VillageRecords } from './village-record.js';
import type { DisclosureEntity } from '../publishing/disclosure.entity.js';
import { toAttachment } from '../publishing/disclosure-attachment.entity.js';
import type { PowerItemEntity } from '../power-list/power-item.entity.js';
import { DisclosureCalendarService } from '../publishing/disclosure-calendar.service.js';
import { tableWorkbook } from '../publishing/disclosure-spreadsheet.js';
import { maskTable } from '../publishing/mask-personal-data.js';
import { StaffRepository } from '../staff/staff.repository.js';
import { VillageRepository } from './village.repository.js';

const RECENT_DISCLOSURES_PER_KIND = 5;
/** Power items and disclosures whose village is remembered (about 100 bytes each). */
const MAX_REMEMBERED_OWNERS = 200_000;

function toDisclosureSummary(d: DisclosureEntity): DisclosureSummary {
  return {
    id: d.id,
    kind: d.kind,
    type: d.type,
    title: d.title,
    period: d.period,
    publishedAt: d.publishedAt.toISOString(),
    withdrawn: d.status === 'withdrawn',
    corrected: d.corrected === 1,
  };
}

function groupByCategory(items: PowerItemEntity[]): PowerCategoryGroup[] {
  return (Object.keys(POWER_CATEGORIES) as PowerCategory[])
    .map((category) => ({
      category,
      items: items.filter((i) => i.category === category).map((i) => ({ id: i.id, category: i.category, title: i.title })),
    }))
    .filter((group) => group.items.length > 0);
}

@Injectable()
export class VillageService {
  /** The village of each power item (`p<id>`) and disclosure (`d<id>`) looked up so far. */
  private readonly owners = new Map<string, string>();

  constructor(
    private readonly regions: RegionRepository,
    private readonly villages: VillageRepository,
    private readonly records: VillageRecords,
    private readonly calendars: DisclosureCalendarService,
    private readonly staff: StaffRepository,
    private readonly clock: Clock,
  ) {}

  /** The village page as of `today` (China date), which the caller also keys its cache by. */
  async page(code: string, today = chinaDate(this.clock.now())): Promise<VillagePage> {
    const village = await this.regions.findVillage(code);
    if (!village) throw new DomainError('VILLAGE_NOT_FOUND');
    const [regions, powerItems, party, villageAffairs, finance, record, overdue] = await Promise.all([
      this.regions.findMany([townshipCodeOf(code), countyCodeOf(code)]),
      this.villages.powerItemsOf(code),
      this.villages.disclosuresOf(code, 'party', RECENT_DISCLOSURES_PER_KIND),
      this.villages.disclosuresOf(code, 'village', RECENT_DISCLOSURES_PER_KIND),
      this.villages.disclosuresOf(code, 'finance', RECENT_DISCLOSURES_PER_KIND),
      this.records.of(code, today),
      this.calendars.overdueOfVillage(code, today),
    ]);
    const township = regions.find((r) => r.level === 'township');
    const county = regions.find((r) => r.level === 'county');
    return {
      village: { code: village.code, name: village.name },
      township: { code: townshipCodeOf(code), name: township?.name ?? '', hotline: township?.hotline ?? null },
      county: { code: countyCodeOf(code), name: county?.name ?? '' },
      powerList: groupByCategory(powerItems),
      disclosures: {
        party: party.map(toDisclosureSummary),
        village: villageAffairs.map(toDisclosureSummary),
        finance: finance.map(toDisclosureSummary),
      },
      record,
      overdue,
    };
  }

  async disclosures(code: string, kind?: DisclosureKind): Promise<{ items: DisclosureSummary[] }> {
    if (!(await this.regions.findVillage(code))) throw new DomainError('VILLAGE_NOT_FOUND');
    const items = await this.villages.disclosuresOf(code, kind);
    return { items: items.map(toDisclosureSummary) };
  }

  /**
   * Which village a power item belongs to (it never moves), for the cache's versions; remembered,
   * so only the first request for an item pays a query.
   */
  async villageOfPowerItem(id: number): Promise<string> {
    const known = this.owners.get(`p${id}`) ?? (await this.villages.villageOfPowerItem(id));
    if (!known) throw new DomainError('POWER_ITEM_NOT_FOUND');
    this.remember(`p${id}`, known);
    return known;
  }

  /** Which village a disclosure belongs to (it never moves), as `villageOfPowerItem`. */
  async villageOfDisclosure(id: number): Promise<string> {
    const known = this.owners.get(`d${id}`) ?? (await this.villages.villageOfDisclosure(id));
    if (!known) throw new DomainError('DISCLOSURE_NOT_FOUND');
    this.remember(`d${id}`, known);
    return known;
  }

  private remember(key: string, villageCode: string): void {
    if (this.owners.size >= MAX_REMEMBERED_OWNERS && !this.owners.has(key)) this.owners.clear();
    this.owners.set(key, villageCode);
  }

  async assertVillageExists(code: string): Promise<void> {
    if (!(await this.regions.findVillage(code))) throw new DomainError('VILLAGE_NOT_FOUND');
  }

  async powerItem(id: number): Promise<PowerItem> {
    const item = await this.villages.findPowerItem(id);
    if (!item) throw new DomainError('POWER_ITEM_NOT_FOUND');
    return {
      id: item.id,
      villageCode: item.villageCode,
      category: item.category,
      title: item.title,
      basis: item.basis,
      responsible: item.responsible,
      publicity: item.publicity,
      chart: item.chart,
    };
  }

  /** The published table as an Excel file, masked exactly as the page shows it. */
  async disclosureTable(id: number): Promise<{ title: string; workbook: Buffer }> {
    const d = await this.villages.findDisclosure(id);
    const table = d?.status === 'published' ? maskTable(d.table) : null;
    if (!d || !table) throw new DomainError('DISCLOSURE_NOT_FOUND');
    return { title: d.title, workbook: await tableWorkbook(d.title, table) };
  }

  async disclosureVersion(id: number, versionNo: number): Promise<PublishedVersion> {
    const d = await this.villages.findDisclosure(id);
    const version =
      d?.status === 'published'
        ? (await this.villages.publishedVersionsOf(d.id)).find((v) => v.versionNo === versionNo && v.action !== 'withdraw')
        : undefined;
    if (!version) throw new DomainError('DISCLOSURE_NOT_FOUND');
    const [names, attachments] = await Promise.all([
      this.staff.displayNames([version.draftedBy, version.reviewedBy]),
      this.villages.attachmentsOf(version.id),
    ]);
    const signature = (accountId: number | null, at: Date | null) =>
      accountId !== null && at ? { name: names.get(accountId) ?? '', at: at.toISOString() } : null;
    return {
      disclosureId: id,
      versionNo: version.versionNo,
      title: version.title,
      period: version.period,
      body: version.body,
      table: maskTable(version.table),
      publishedAt: (version.publishedAt ?? version.draftedAt).toISOString(),
      publisher: signature(version.draftedBy, version.submittedAt ?? version.draftedAt),
      cosigner: signature(version.reviewedBy, version.reviewedAt),
      reason: version.action === 'correct' ? version.reason : null,
      attachments: attachments.map(toAttachment),
    };
  }

  async disclosure(id: number): Promise<Disclosure> {
    const d = await this.villages.findDisclosure(id);
    if (!d) throw new DomainError('DISCLOSURE_NOT_FOUND');
    const versions = await this.villages.publishedVersionsOf(d.id);
    const shown = versions.find((v) => v.versionNo === d.versionNo);
    const withdrawn = d.status === 'withdrawn';
    const [names, attachments] = await Promise.all([
      this.staff.displayNames([shown?.draftedBy, shown?.reviewedBy]),
      shown && !withdrawn ? this.villages.attachmentsOf(shown.id) : [],
    ]);
    const signature = (accountId: number | null | undefined, at: Date | null | undefined) =>
      typeof accountId === 'number' && at ? { name: names.get(accountId) ?? '', at: at.toISOString() } : null;
    return {
      ...toDisclosureSummary(d),
      villageCode: d.villageCode,
      // A withdrawn disclosure keeps its title and the reason; its content is no longer shown.
      body: withdrawn ? '' : d.body,
      table: withdrawn ? null : maskTable(d.table),
      versionNo: d.versionNo,
      publisher: signature(shown?.draftedBy, shown?.submittedAt ?? shown?.draftedAt),
      cosigner: signature(shown?.reviewedBy, shown?.reviewedAt),
      corrections: versions
        .filter((v) => v.action === 'correct' && v.reason)
        .map((v) => ({ versionNo: v.versionNo, reason: v.reason ?? '', publishedAt: (v.publishedAt ?? v.draftedAt).toISOString() })),
      withdrawal: withdrawn && d.withdrawnAt ? { reason: d.withdrawnReason ?? '', at: d.withdrawnAt.toISOString() } : null,
      attachments: attachments.map(toAttachment),
    };
  }
}
