import { Injectable } from '@nestjs/common';
import type {
  PowerItemContent,
  PowerTemplate,
  PowerTemplateSummary,
  PowerUpdateOffer,
  StaffPowerItem,
  StoredPowerItemContent,
  VillagePowerList,
} from '@mashang/shared';
import type { EntityManager } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { bumpContentVersions } from '../../common/content-versions/content-versions.js';
import { DomainError } from '../../common/domain-error.js';
import { isUniqueViolation } from '../../database/unique-violation.js';
import { RegionRepository } from '../region/region.repository.js';
import type { StaffAccountEntity } from '../staff/staff-account.entity.js';
import { StaffRepository } from '../staff/staff.repository.js';
import { PowerItemEntity } from './power-item.entity.js';
import type { PowerItemAction } from './power-item-version.entity.js';
import { type Adoption, PowerListRepository } from './power-list.repository.js';
import { PowerTemplateVersionEntity } from './power-template-version.entity.js';
import { PowerTemplateEntity } from './power-template.entity.js';
import { describeUpdate, mergeUpdate, sameContent } from './template-changes.js';

type Account = Pick<StaffAccountEntity, 'id' | 'role' | 'regionCode'>;

const countyOf = (regionCode: string) => regionCode.slice(0, 6);

/** Who keeps a village's list: its own publisher, or a township handler for the villages of the township. */
export function canEditVillage(account: Pick<Account, 'role' | 'regionCode'>, villageCode: string): boolean {
  if (account.role === 'village_publisher') return account.regionCode === villageCode;
  if (account.role === 'township_handler') return villageCode.startsWith(account.regionCode);
  return false;
}

/** The content columns of a village copy. */
function contentOf(item: PowerItemEntity): StoredPowerItemContent {
  return {
    category: item.category,
    title: item.title,
    basis: item.basis,
    responsible: item.responsible,
    publicity: item.publicity,
    chart: item.chart,
  };
}

/**
 * 小微权力清单 templates and the village copies of them. The county writes a template once, in
 * versions; a village adopts it as its own copy and may adjust it; a newer version is offered to the
 * villages that follow an older one, which take it or keep theirs. Every change is one transaction
 * that moves a version number (compare-and-set) and keeps a record.
 */
@Injectable()
export class PowerListService {
  constructor(
    private readonly repository: PowerListRepository,
    private readonly staff: StaffRepository,
    private readonly regions: RegionRepository,
    private readonly clock: Clock,
  ) {}

  // ---- county templates ----

  async templates(account: Account): Promise<{ items: PowerTemplateSummary[] }> {
    const templates = await this.repository.templatesOf(countyOf(account.regionCode));
    const adoption = await this.repository.adoptionOf(templates.map((t) => t.id));
    return { items: templates.map((t) => this.summary(t, adoption.get(t.id))) };
  }

  async template(account: Account, id: number): Promise<PowerTemplate> {
    const template = await this.repository.findTemplate(id, countyOf(account.regionCode));
    if (!template) throw new DomainError('POWER_TEMPLATE_NOT_FOUND');
    return this.templateView(template);
  }

  async createTemplate(account: Account, content: PowerItemContent): Promise<PowerTemplate> {
    const countyCode = countyOf(account.regionCode);
    const now = this.clock.now();
    const id = await this.repository.transaction(async (manager) => {
      const sortOrder = await this.repository.nextTemplateSortOrder(manager, countyCode);
      const { identifiers } = await manager
        .getRepository(PowerTemplateEntity)
        .insert({ countyCode, category: content.category, title: content.title, version: 1, sortOrder, createdAt: now, updatedAt: now });
      const templateId = (identifiers[0] as { id: number }).id;
      await manager
        .getRepository(PowerTemplateVersionEntity)
        .insert({ templateId, version: 1, content, accountId: account.id, createdAt: now });
      return templateId;
    });
    return this.template(account, id);
  }

  /**
   * Saves the edited content as the template's next version, if nobody saved one since `version`.
   * Saving what the latest version already says makes no new version, so no village is offered nothing.
   */
  async updateTemplate(account: Account, id: number, version: number, content: PowerItemContent): Promise<PowerTemplate> {
    const template = await this.repository.findTemplate(id, countyOf(account.regionCode));
    if (!template) throw new DomainError('POWER_TEMPLATE_NOT_FOUND');
    if (template.version !== version) throw new DomainError('EDIT_CONFLICT');
    const latest = await this.repository.templateVersion(id, version);
    if (latest && sameContent(latest.content, content)) return this.templateView(template);
    const now = this.clock.now();
    await this.repository.transaction(async (manager) => {
      const moved = await this.repository.advanceTemplate(manager, id, version, {
        category: content.category,
        title: content.title,
        updatedAt: now,
      });
      if (!moved) throw new DomainError('EDIT_CONFLICT');
      await manager
        .getRepository(PowerTemplateVersionEntity)
        .insert({ templateId: id, version: version + 1, content, accountId: account.id, createdAt: now });
    });
    return this.template(account, id);
  }

  // ---- a village's list ----

  async villageList(account: Account, code: string): Promise<VillagePowerList> {
    const village = await this.regions.findVillage(code);
    if (!village) throw new DomainError('VILLAGE_NOT_FOUND');
    if (!code.startsWith(account.regionCode)) throw new DomainError('FORBIDDEN');
    const [items, templates] = await Promise.all([this.repository.itemsOf(code), this.repository.templatesOf(countyOf(code))]);
    const latest = new Map(templates.map((t) => [t.id, t.version]));
    const adoptedIds = new Set(items.map((i) => i.templateId));
    const available = templates.filter((t) => !adoptedIds.has(t.id));
    const adoption = await this.repository.adoptionOf(available.map((t) => t.id));
    return {
      village: { code, name: village.name },
      canEdit: canEditVillage(account, code),
      items: items.map((item) => {
        const newest = item.templateId === null ? undefined : latest.get(item.templateId);
        return {
          id: item.id,
          category: item.category,
          title: item.title,
          templateId: item.templateId,
          adjusted: item.adjusted === 1,
          offeredVersion: newest !== undefined && item.templateVersion !== null && newest > item.templateVersion ? newest : null,
        };
      }),
      templates: available.map((t) => this.summary(t, adoption.get(t.id))),
    };
  }

  async adopt(account: Account, code: string, templateId: number): Promise<StaffPowerItem> {
    if (!(await this.regions.findVillage(code))) throw new DomainError('VILLAGE_NOT_FOUND');
    if (!canEditVillage(account, code)) throw new DomainError('FORBIDDEN');
    const template = await this.repository.findTemplate(templateId, countyOf(code));
    const latest = template && (await this.repository.templateVersion(template.id, template.version));
    if (!template || !latest) throw new DomainError('POWER_TEMPLATE_NOT_FOUND');
    const now = this.clock.now();
    let id: number;
    try {
      id = await this.repository.transaction(async (manager) => {
        const sortOrder = await this.repository.nextItemSortOrder(manager, code);
        const { identifiers } = await manager.getRepository(PowerItemEntity).insert({
          villageCode: code,
          ...latest.content,
          sortOrder,
          templateId: template.id,
          templateVersion: template.version,
          adjusted: 0,
          version: 1,
          updatedAt: now,
        });
        const itemId = (identifiers[0] as { id: number }).id;
        await this.record(manager, itemId, 1, 'adopted', template.version, latest.content, account, now);
        // The village's public power list gains the item with this transaction.
        await bumpContentVersions(manager, [code]);
        return itemId;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new DomainError('TEMPLATE_ALREADY_ADOPTED');
      throw error;
    }
    return this.item(account, id);
  }

  async item(account: Account, id: number): Promise<StaffPowerItem> {
    return this.itemView(account, await this.findItem(account, id));
  }

  /** The village's own adjustment of its copy, public at once; `version` is the one the editor started from. */
  async saveItem(account: Account, id: number, version: number, content: PowerItemContent): Promise<StaffPowerItem> {
    const item = await this.findEditableItem(account, id, version);
    const base = await this.followedVersion(item);
    await this.change(item, 'adjusted', content, item.templateVersion, base ? !sameContent(content, base) : false, account);
    return this.item(account, id);
  }

  /** Takes the offered template version: the county's changed fields replace the copy's; the rest stays. */
  async acceptUpdate(account: Account, id: number, version: number, templateVersion: number): Promise<StaffPowerItem> {
    const item = await this.findEditableItem(account, id, version);
    const { base, offered } = await this.offerOf(item, templateVersion);
    const merged = mergeUpdate(contentOf(item), base, offered);
    await this.change(item, 'update_accepted', merged, templateVersion, !sameContent(merged, offered), account);
    return this.item(account, id);
  }

  /** Keeps the copy as it is and follows the offered version from now on: the offer goes away until the next one. */
  async declineUpdate(account: Account, id: number, version: number, templateVersion: number): Promise<StaffPowerItem> {
    const item = await this.findEditableItem(account, id, version);
    const { offered } = await this.offerOf(item, templateVersion);
    const current = contentOf(item);
    await this.change(item, 'update_declined', current, templateVersion, !sameContent(current, offered), account);
    return this.item(account, id);
  }

  // ---- steps ----

  private async findItem(account: Account, id: number): Promise<PowerItemEntity> {
    const item = await this.repository.findItemWithin(id, account.regionCode);
    if (!item) throw new DomainError('POWER_ITEM_NOT_FOUND');
    return item;
  }

  private async findEditableItem(account: Account, id: number, version: number): Promise<PowerItemEntity> {
    const item = await this.findItem(account, id);
    if (!canEditVillage(account, item.villageCode)) throw new DomainError('FORBIDDEN');
    if (item.version !== version) throw new DomainError('EDIT_CONFLICT');
    return item;
  }

  /** The template content the copy follows, or null for an item of the village's own. */
  private async followedVersion(item: PowerItemEntity): Promise<StoredPowerItemContent | null> {
    if (item.templateId === null || item.templateVersion === null) return null;
    return (await this.repository.templateVersion(item.templateId, item.templateVersion))?.content ?? null;
  }

  /** The versions an offer compares; only a version newer than the one followed, up to the latest, is on offer. */
  private async offerOf(
    item: PowerItemEntity,
    templateVersion: number,
  ): Promise<{ base: StoredPowerItemContent; offered: StoredPowerItemContent }> {
    if (item.templateId === null || item.templateVersion === null || templateVersion <= item.templateVersion)
      throw new DomainError('ACTION_NOT_ALLOWED');
    const [base, offered] = await Promise.all([
      this.repository.templateVersion(item.templateId, item.templateVersion),
      this.repository.templateVersion(item.templateId, templateVersion),
    ]);
    if (!base || !offered) throw new DomainError('ACTION_NOT_ALLOWED');
    return { base: base.content, offered: offered.content };
  }

  private async change(
    item: PowerItemEntity,
    action: PowerItemAction,
    content: StoredPowerItemContent,
    templateVersion: number | null,
    adjusted: boolean,
    account: Account,
  ): Promise<void> {
    const now = this.clock.now();
    await this.repository.transaction(async (manager) => {
      const moved = await this.repository.advanceItem(manager, item.id, item.version, {
        category: content.category,
        title: content.title,
        basis: content.basis,
        responsible: content.responsible,
        publicity: content.publicity,
        chart: content.chart,
        templateVersion,
        adjusted: adjusted ? 1 : 0,
        updatedAt: now,
      });
      if (!moved) throw new DomainError('EDIT_CONFLICT');
      await this.record(manager, item.id, item.version + 1, action, templateVersion, content, account, now);
      // The item's public page (and its title on the village page) change with this transaction.
      await bumpContentVersions(manager, [item.villageCode]);
    });
  }

  private record(
    manager: EntityManager,
    powerItemId: number,
    version: number,
    action: PowerItemAction,
    templateVersion: number | null,
    content: StoredPowerItemContent,
    account: Account,
    at: Date,
  ): Promise<void> {
    return this.repository.addItemVersion(manager, {
      powerItemId,
      version,
      action,
      templateVersion,
      content,
      accountId: account.id,
      createdAt: at,
    });
  }

  // ---- views ----

  private summary(t: PowerTemplateEntity, adoption: Adoption | undefined): PowerTemplateSummary {
    return {
      id: t.id,
      category: t.category,
      title: t.title,
      version: t.version,
      updatedAt: t.updatedAt.toISOString(),
      adoptedBy: adoption?.adopted ?? 0,
      notYetUpdated: adoption?.behind ?? 0,
    };
  }

  private async templateView(template: PowerTemplateEntity): Promise<PowerTemplate> {
    const [latest, history, adoption] = await Promise.all([
      this.repository.templateVersion(template.id, template.version),
      this.repository.versionHistory(template.id),
      this.repository.adoptionOf([template.id]),
    ]);
    if (!latest) throw new DomainError('POWER_TEMPLATE_NOT_FOUND');
    const names = await this.staff.displayNames(history.map((v) => v.accountId));
    return {
      ...this.summary(template, adoption.get(template.id)),
      countyCode: template.countyCode,
      content: latest.content,
      versions: history.map((v) => ({ version: v.version, at: v.createdAt.toISOString(), by: names.get(v.accountId) ?? '' })),
    };
  }

  private async itemView(account: Account, item: PowerItemEntity): Promise<StaffPowerItem> {
    const [village, template] = await Promise.all([
      this.regions.findVillage(item.villageCode),
      item.templateId === null ? null : this.repository.findTemplate(item.templateId, countyOf(item.villageCode)),
    ]);
    let offer: PowerUpdateOffer | null = null;
    if (template && item.templateVersion !== null && template.version > item.templateVersion) {
      const { base, offered } = await this.offerOf(item, template.version);
      const current = contentOf(item);
      offer = {
        fromVersion: item.templateVersion,
        toVersion: template.version,
        changes: describeUpdate(current, base, offered),
        result: mergeUpdate(current, base, offered),
      };
    }
    return {
      id: item.id,
      village: { code: item.villageCode, name: village?.name ?? '' },
      canEdit: canEditVillage(account, item.villageCode),
      version: item.version,
      content: contentOf(item),
      template:
        template && item.templateVersion !== null
          ? { id: template.id, title: template.title, followsVersion: item.templateVersion, latestVersion: template.version }
          : null,
      adjusted: item.adjusted === 1,
      offer,
      updatedAt: item.updatedAt?.toISOString() ?? null,
    };
  }
}
