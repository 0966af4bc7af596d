import { Injectable } from '@nestjs/common';
import type {
  DisclosureDraft,
  DisclosureKind,
  DisclosureTable,
  DisclosureType,
  StaffDisclosure,
  StaffDisclosureRow,
} from '@mashang/shared';
import { maskPersonalNumbers } from '@mashang/shared';
import type { EntityManager } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { bumpContentVersions } from '../../common/content-versions/content-versions.js';
import { DomainError } from '../../common/domain-error.js';
import { isUniqueViolation } from '../../database/unique-violation.js';
import { DataProtection } from '../../common/data-protection.js';
import type { StaffAccountEntity } from '../staff/staff-account.entity.js';
import { DisclosureEntity } from './disclosure.entity.js';
import { DISCLOSURE_EVENT_LABELS } from './disclosure-event.entity.js';
import { DisclosureVersionEntity } from './disclosure-version.entity.js';
import { toAttachment } from './disclosure-attachment.entity.js';
import { maskTable } from './mask-personal-data.js';
import { StaffRepository } from '../staff/staff.repository.js';
import { PublishingRepository } from './publishing.repository.js';
import { knownIdentities, screenPersonalNumbers } from './screen-personal-numbers.js';
import { type SpreadsheetFormat, SpreadsheetError, importTable, tableTemplate } from './disclosure-spreadsheet.js';

const LIST_LIMIT = 500;
const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * 三务公开 publishing. The village publisher drafts; only the village supervisor's co-signature makes
 * a version public. Published versions are never changed: corrections and withdrawals are new
 * versions that go through the same co-signing. Each step is one transaction and one history event.
 */
@Injectable()
export class PublishingService {
  constructor(
    private readonly repository: PublishingRepository,
    private readonly staff: StaffRepository,
    private readonly protection: DataProtection,
    private readonly clock: Clock,
  ) {}

  async list(account: StaffAccountEntity, filter: { village?: string; kind?: DisclosureKind }): Promise<{ items: StaffDisclosureRow[] }> {
    const rows = await this.repository.listWithin(account.regionCode, filter, LIST_LIMIT);
    const [versions, villages] = await Promise.all([
      this.repository.versionsOf(rows.filter((r) => r.openVersionId).map((r) => r.id)),
      this.repository.villageNames(rows.map((r) => r.villageCode)),
    ]);
    const open = new Map(versions.map((v) => [v.id, v]));
    return {
      items: rows.map((d) => ({
        id: d.id,
        villageCode: d.villageCode,
        villageName: villages.get(d.villageCode) ?? '',
        kind: d.kind,
        type: d.type,
        title: d.title,
        period: d.period,
        status: d.status,
        openStatus: d.openVersionId ? (open.get(d.openVersionId)?.status ?? null) : null,
        openAction: d.openVersionId ? (open.get(d.openVersionId)?.action ?? null) : null,
        correctionRequired: d.correctionRequired !== null,
        updatedAt: (d.updatedAt ?? d.publishedAt).toISOString(),
      })),
    };
  }

  async get(account: StaffAccountEntity, id: number): Promise<StaffDisclosure> {
    return this.view(await this.find(account, id));
  }

  async create(account: StaffAccountEntity, draft: DisclosureDraft): Promise<StaffDisclosure> {
    const screened = this.screen(draft);
    const now = this.clock.now();
    const id = await this.repository.transaction(async (manager) => {
      const { identifiers } = await manager.getRepository(DisclosureEntity).insert({
        villageCode: account.regionCode,
        kind: draft.kind,
        type: draft.type,
        title: draft.title,
        period: draft.period,
        body: draft.body,
        table: screened.table,
        publishedAt: now,
        status: 'unpublished',
        versionNo: 0,
        corrected: 0,
        updatedAt: now,
      });
      const disclosureId = (identifiers[0] as { id: number }).id;
      const disclosure = await manager.getRepository(DisclosureEntity).findOneByOrFail({ id: disclosureId });
      await this.open(
        manager,
        disclosure,
        { versionNo: 1, action: 'publish', status: 'draft', reason: null, ...screened.content },
        account,
        now,
      );
      await this.repository.addEvent(manager, disclosureId, account.id, 'drafted', null, now);
      return disclosureId;
    });
    return this.get(account, id);
  }

  async saveDraft(account: StaffAccountEntity, id: number, draft: DisclosureDraft): Promise<StaffDisclosure> {
    const disclosure = await this.find(account, id);
    const open = await this.openVersionOf(disclosure);
    if (!open || !['draft', 'returned'].includes(open.status) || open.action === 'withdraw') throw new DomainError('ACTION_NOT_ALLOWED');
    const screened = this.screen(draft, open);
    const now = this.clock.now();
    await this.repository.transaction(async (manager) => {
      const saved = await this.repository.moveVersion(manager, open.id, ['draft', 'returned'], {
        ...screened.content,
        status: 'draft',
        draftedBy: account.id,
        draftedAt: now,
      });
      if (!saved) throw new DomainError('ACTION_NOT_ALLOWED');
      // What the disclosure is about can change only before it was ever published.
      if (disclosure.status === 'unpublished')
        await manager
          .getRepository(DisclosureEntity)
          .update(disclosure.id, { kind: draft.kind, type: draft.type, title: draft.title, updatedAt: now });
      else await manager.getRepository(DisclosureEntity).update(disclosure.id, { updatedAt: now });
      await this.repository.addEvent(manager, disclosure.id, account.id, 'draft_saved', null, now);
    });
    return this.get(account, id);
  }

  async submit(account: StaffAccountEntity, id: number): Promise<StaffDisclosure> {
    const disclosure = await this.find(account, id);
    const open = await this.openVersionOf(disclosure);
    if (!open) throw new DomainError('ACTION_NOT_ALLOWED');
    const now = this.clock.now();
    await this.step(disclosure, open, ['draft', 'returned'], { status: 'submitted', submittedAt: now }, account, 'submitted', null, now);
    return this.get(account, id);
  }

  async cosign(account: StaffAccountEntity, id: number): Promise<StaffDisclosure> {
    const disclosure = await this.find(account, id);
    const open = await this.openVersionOf(disclosure);
    if (!open) throw new DomainError('ACTION_NOT_ALLOWED');
    const now = this.clock.now();
    await this.repository.transaction(async (manager) => {
      const moved = await this.repository.moveVersion(manager, open.id, ['submitted'], {
        status: 'published',
        reviewedBy: account.id,
        reviewedAt: now,
        publishedAt: now,
      });
      if (!moved) throw new DomainError('ACTION_NOT_ALLOWED');
      // What was co-signed, read again in the transaction: the draft may have been sent back and resubmitted meanwhile.
      const signed = await manager.getRepository(DisclosureVersionEntity).findOneByOrFail({ id: open.id });
      const disclosures = manager.getRepository(DisclosureEntity);
      if (signed.action === 'withdraw') {
        await disclosures.update(disclosure.id, {
          status: 'withdrawn',
          withdrawnReason: signed.reason,
          withdrawnAt: now,
          openVersionId: null,
          updatedAt: now,
        });
      } else {
        await disclosures.update(disclosure.id, {
          status: 'published',
          title: signed.title,
          period: signed.period,
          body: signed.body,
          table: signed.table,
          publishedAt: now,
          versionNo: signed.versionNo,
          corrected: signed.action === 'correct' ? 1 : 0,
          correctionRequired: signed.action === 'correct' ? null : disclosure.correctionRequired,
          openVersionId: null,
          updatedAt: now,
        });
      }
      // Published, corrected or withdrawn: the village's public pages change with this transaction.
      await bumpContentVersions(manager, [disclosure.villageCode]);
      await this.repository.addEvent(
        manager,
        disclosure.id,
        account.id,
        signed.action === 'withdraw' ? 'withdrawn' : 'cosigned',
        null,
        now,
      );
    });
    return this.get(account, id);
  }

  async sendBack(account: StaffAccountEntity, id: number, comment: string): Promise<StaffDisclosure> {
    const disclosure = await this.find(account, id);
    const open = await this.openVersionOf(disclosure);
    if (!open) throw new DomainError('ACTION_NOT_ALLOWED');
    const now = this.clock.now();
    // A withdrawal sent back is simply not done; a draft sent back goes back to its publisher.
    const status = open.action === 'withdraw' ? 'discarded' : 'returned';
    await this.step(
      disclosure,
      open,
      ['submitted'],
      { status, reviewedBy: account.id, reviewedAt: now, reviewComment: comment },
      account,
      'sent_back',
      comment,
      now,
      open.action === 'withdraw',
    );
    return this.get(account, id);
  }

  async correct(account: StaffAccountEntity, id: number, reason: string): Promise<StaffDisclosure> {
    return this.openOnPublished(account, id, 'correct', reason);
  }

  async withdraw(account: StaffAccountEntity, id: number, reason: string): Promise<StaffDisclosure> {
    return this.openOnPublished(account, id, 'withdraw', reason);
  }

  template(type: DisclosureType): Promise<Buffer> {
    return tableTemplate(type);
  }

  /** A filled-in template read into a table; the publisher then saves it into a draft, all or nothing. */
  async importTable(type: DisclosureType, format: SpreadsheetFormat, base64: string): Promise<{ table: DisclosureTable }> {
    try {
      return { table: await importTable(type, Buffer.from(base64, 'base64'), format) };
    } catch (error) {
      if (error instanceof SpreadsheetError) throw new DomainError('SPREADSHEET_INVALID', error.problems);
      throw error;
    }
  }

  async requireCorrection(account: StaffAccountEntity, id: number, comment: string): Promise<StaffDisclosure> {
    const disclosure = await this.find(account, id);
    if (disclosure.status !== 'published') throw new DomainError('ACTION_NOT_ALLOWED');
    const now = this.clock.now();
    await this.repository.transaction(async (manager) => {
      await manager.getRepository(DisclosureEntity).update(disclosure.id, { correctionRequired: comment, updatedAt: now });
      await this.repository.addEvent(manager, disclosure.id, account.id, 'correction_required', comment, now);
    });
    return this.get(account, id);
  }

  // ---- steps ----

  private async openOnPublished(
    account: StaffAccountEntity,
    id: number,
    action: 'correct' | 'withdraw',
    reason: string,
  ): Promise<StaffDisclosure> {
    const disclosure = await this.find(account, id);
    if (disclosure.status !== 'published' || disclosure.openVersionId) throw new DomainError('ACTION_NOT_ALLOWED');
    const versions = await this.repository.versionsOf([disclosure.id]);
    const current = versions.find((v) => v.versionNo === disclosure.versionNo);
    const now = this.clock.now();
    await this.repository.transaction(async (manager) => {
      const versionId = await this.open(
        manager,
        disclosure,
        {
          versionNo: Math.max(disclosure.versionNo, ...versions.map((v) => v.versionNo)) + 1,
          action,
          // A withdrawal has nothing to edit: it goes straight to the supervisor.
          status: action === 'withdraw' ? 'submitted' : 'draft',
          reason,
          title: disclosure.title,
          period: disclosure.period,
          body: maskPersonalNumbers(disclosure.body),
          table: maskTable(disclosure.table),
          identityData: current?.identityData ?? null,
          submittedAt: action === 'withdraw' ? now : null,
        },
        account,
        now,
      );
      // A correction starts from the published photos and files, as it starts from the published table.
      if (action === 'correct' && current) await this.repository.copyAttachments(manager, current.id, versionId);
      await this.repository.addEvent(
        manager,
        disclosure.id,
        account.id,
        action === 'withdraw' ? 'withdrawal_opened' : 'correction_opened',
        reason,
        now,
      );
    });
    return this.get(account, id);
  }

  private async open(
    manager: EntityManager,
    disclosure: DisclosureEntity,
    version: Pick<
      DisclosureVersionEntity,
      'versionNo' | 'action' | 'status' | 'reason' | 'title' | 'period' | 'body' | 'table' | 'identityData'
    > & { submittedAt?: Date | null },
    account: StaffAccountEntity,
    now: Date,
  ): Promise<number> {
    try {
      const opened = await this.repository.openVersion(manager, disclosure, {
        disclosureId: disclosure.id,
        submittedAt: null,
        ...version,
        draftedBy: account.id,
        draftedAt: now,
        reviewedBy: null,
        reviewedAt: null,
        reviewComment: null,
        publishedAt: null,
      });
      if (opened === null) throw new DomainError('ACTION_NOT_ALLOWED');
      return opened;
    } catch (error) {
      // Another request opened a version with the same number first.
      if (isUniqueViolation(error)) throw new DomainError('ACTION_NOT_ALLOWED');
      throw error;
    }
  }

  private async step(
    disclosure: DisclosureEntity,
    open: DisclosureVersionEntity,
    from: DisclosureVersionEntity['status'][],
    changes: Partial<DisclosureVersionEntity>,
    account: StaffAccountEntity,
    action: keyof typeof DISCLOSURE_EVENT_LABELS,
    comment: string | null,
    now: Date,
    closesVersion = false,
  ): Promise<void> {
    await this.repository.transaction(async (manager) => {
      if (!(await this.repository.moveVersion(manager, open.id, from, changes))) throw new DomainError('ACTION_NOT_ALLOWED');
      await manager
        .getRepository(DisclosureEntity)
        .update(disclosure.id, { updatedAt: now, ...(closesVersion ? { openVersionId: null } : {}) });
      await this.repository.addEvent(manager, disclosure.id, account.id, action, comment, now);
    });
  }

  /** Masks the draft for publication; `previous` is the version it replaces, whose kept full numbers carry over. */
  private screen(draft: DisclosureDraft, previous?: DisclosureVersionEntity) {
    const kept = previous?.identityData
      ? (JSON.parse(this.protection.decrypt(previous.identityData)) as Array<Array<string | null>>)
      : null;
    const screened = screenPersonalNumbers(draft, knownIdentities(previous?.table ?? null, kept));
    if (screened.problems.length > 0) throw new DomainError('PERSONAL_NUMBER_UNMASKED', screened.problems);
    return {
      table: screened.table,
      content: {
        title: draft.title,
        period: draft.period,
        body: draft.body,
        table: screened.table,
        identityData: screened.identities ? this.protection.encrypt(JSON.stringify(screened.identities)) : null,
      },
    };
  }

  private async find(account: StaffAccountEntity, id: number): Promise<DisclosureEntity> {
    const disclosure = await this.repository.findWithin(id, account.regionCode);
    if (!disclosure) throw new DomainError('DISCLOSURE_NOT_FOUND');
    return disclosure;
  }

  private async openVersionOf(disclosure: DisclosureEntity): Promise<DisclosureVersionEntity | null> {
    if (!disclosure.openVersionId) return null;
    const versions = await this.repository.versionsOf([disclosure.id]);
    return versions.find((v) => v.id === disclosure.openVersionId) ?? null;
  }

  private async view(disclosure: DisclosureEntity): Promise<StaffDisclosure> {
    const [versions, events, villages] = await Promise.all([
      this.repository.versionsOf([disclosure.id]),
      this.repository.eventsOf(disclosure.id),
      this.repository.villageNames([disclosure.villageCode]),
    ]);
    const attachments = await this.repository.attachmentsOf(versions.map((v) => v.id));
    const names = await this.staff.displayNames([
      ...versions.flatMap((v) => [v.draftedBy, v.reviewedBy]).filter((n): n is number => n !== null),
      ...events.map((e) => e.accountId),
    ]);
    const name = (accountId: number | null) => (accountId === null ? '（批量导入）' : (names.get(accountId) ?? ''));
    const toVersion = (v: DisclosureVersionEntity) => ({
      versionNo: v.versionNo,
      action: v.action,
      status: v.status,
      title: v.title,
      period: v.period,
      body: v.body,
      // Stored versions are masked already; those loaded before co-signing existed may not be.
      table: maskTable(v.table),
      reason: v.reason,
      draftedBy: name(v.draftedBy),
      draftedAt: v.draftedAt.toISOString(),
      submittedAt: iso(v.submittedAt),
      reviewedBy: v.reviewedBy === null ? null : name(v.reviewedBy),
      reviewedAt: iso(v.reviewedAt),
      reviewComment: v.reviewComment,
      attachments: attachments.filter((a) => a.versionId === v.id).map(toAttachment),
    });
    const open = versions.find((v) => v.id === disclosure.openVersionId);
    return {
      id: disclosure.id,
      villageCode: disclosure.villageCode,
      villageName: villages.get(disclosure.villageCode) ?? '',
      kind: disclosure.kind,
      type: disclosure.type,
      status: disclosure.status,
      open: open ? toVersion(open) : null,
      versions: versions.map(toVersion),
      correctionRequired: disclosure.correctionRequired,
      history: events.map((e) => ({
        at: e.createdAt.toISOString(),
        actor: name(e.accountId),
        action: DISCLOSURE_EVENT_LABELS[e.action],
        comment: e.comment,
      })),
    };
  }
}
