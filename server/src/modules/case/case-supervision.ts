import { Injectable } from '@nestjs/common';
import type { CaseDetail } from '@mashang/shared';
import { DataSource, type EntityManager, In, IsNull } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { DomainError } from '../../common/domain-error.js';
import { spokenDate } from '../calendar/china-date.js';
import { AuditService } from '../audit/audit.service.js';
import { CaseActionKeyEntity } from './entities/case-action-key.entity.js';
import { CaseSupervisionEntity } from './entities/case-supervision.entity.js';
import { ReportDeadlineEntity } from './entities/report-deadline.entity.js';
import { ReportEventEntity } from './entities/report-event.entity.js';
import { ReportEntity } from './entities/report.entity.js';
import type { StaffAccountEntity } from '../staff/staff-account.entity.js';
import type { ActionKey } from './workflow/action-keys.js';
import { refreshNextDue } from './workflow/next-due.js';

type SupervisionAction = CaseDetail['supervisionActions'][number];

const OPEN: ReportEntity['status'][] = ['submitted', 'accepted', 'concluded', 'replied', 'under_review'];

/** What the reporter reads of a 督办: that the county pressed the case, never what it asked nor the township's answer. */
const SUPERVISED_PUBLIC_TEXT = '县纪委已督办本件，督促承办单位依规办理';

/**
 * The county's 督办 and 催办 on a township's escalated or overdue case, and the township's answer
 * to a 督办. Each is one transaction that also bumps the case's version, so it never interleaves
 * with a workflow step on the same case; a 督办's clock is a `supervision` deadline, reminded,
 * flagged overdue and sorted like every other.
 */
@Injectable()
export class CaseSupervision {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  of(reportId: number): Promise<CaseSupervisionEntity[]> {
    return this.dataSource.getRepository(CaseSupervisionEntity).find({ where: { reportId }, order: { id: 'ASC' } });
  }

  /** 催办 lines of the cases a township handles, newest first: each case's latest, while it is open there. */
  async urgesFor(township: string): Promise<{ urge: CaseSupervisionEntity; report: ReportEntity }[]> {
    const rows = await this.dataSource
      .getRepository(CaseSupervisionEntity)
      .createQueryBuilder('s')
      .innerJoin(ReportEntity, 'r', 'r.id = s.report_id')
      .where("s.kind = 'urge' AND r.handling_code = :township AND r.level = 'township' AND r.status IN (:...open)", {
        township,
        open: OPEN,
      })
      .orderBy('s.created_at', 'DESC')
      .addOrderBy('s.id', 'DESC')
      .limit(500)
      .getMany();
    const seen = new Set<number>();
    const latest = rows.filter((s) => !seen.has(s.reportId) && seen.add(s.reportId));
    const reports = await this.dataSource.getRepository(ReportEntity).findBy({ id: In(latest.map((s) => s.reportId).concat(0)) });
    return latest.map((urge) => ({ urge, report: reports.find((r) => r.id === urge.reportId)! }));
  }

  /** Open 督办 on cases under a region prefix (county) or handled by a township, with their clocks. */
  async openSupervisions(
    regionCode: string,
  ): Promise<{ supervision: CaseSupervisionEntity; deadline: ReportDeadlineEntity; report: ReportEntity }[]> {
    const query = this.dataSource
      .getRepository(CaseSupervisionEntity)
      .createQueryBuilder('s')
      .innerJoin(ReportEntity, 'r', 'r.id = s.report_id')
      .innerJoin(ReportDeadlineEntity, 'd', 'd.id = s.deadline_id AND d.met_at IS NULL AND d.cancelled_at IS NULL')
      .where("s.kind = 'supervise' AND s.answered_at IS NULL AND r.level = 'township'");
    if (regionCode.length === 9) query.andWhere('r.handling_code = :region', { region: regionCode });
    else query.andWhere('r.village_code LIKE :prefix', { prefix: `${regionCode}%` });
    const rows = await query.orderBy('s.created_at', 'DESC').limit(500).getMany();
    const ids = rows.map((s) => s.reportId).concat(0);
    const [reports, deadlines] = await Promise.all([
      this.dataSource.getRepository(ReportEntity).findBy({ id: In(ids) }),
      this.dataSource.getRepository(ReportDeadlineEntity).findBy({ id: In(rows.map((s) => s.deadlineId ?? 0).concat(0)) }),
    ]);
    return rows.map((supervision) => ({
      supervision,
      deadline: deadlines.find((d) => d.id === supervision.deadlineId)!,
      report: reports.find((r) => r.id === supervision.reportId)!,
    }));
  }

  /**
   * The county 督办s and 催办s a township's open case that is escalated or late (one 督办 open at a
   * time); the township answers the open 督办. Nobody else does either.
   */
  actionsFor(account: StaffAccountEntity, report: ReportEntity, rows: CaseSupervisionEntity[], late: boolean): SupervisionAction[] {
    if (report.level !== 'township' || !OPEN.includes(report.status)) return [];
    const pending = rows.some((s) => s.kind === 'supervise' && !s.answeredAt);
    if (account.role === 'county_supervisor') return late ? (pending ? ['urge'] : ['supervise', 'urge']) : [];
    return account.role === 'township_handler' && pending ? ['answer'] : [];
  }

  async supervise(report: ReportEntity, accountId: number, input: { text: string; dueOn: string }, key: ActionKey | null): Promise<void> {
    await this.step(report, key, async (manager, now) => {
      const inserted = await manager.insert(ReportDeadlineEntity, {
        reportId: report.id,
        kind: 'supervision',
        dueOn: input.dueOn,
        provisional: 0,
        startedAt: now,
        metAt: null,
      });
      await manager.insert(CaseSupervisionEntity, {
        reportId: report.id,
        kind: 'supervise',
        text: input.text,
        deadlineId: Number(inserted.identifiers[0]!.id),
        createdBy: accountId,
        createdAt: now,
      });
      await refreshNextDue(manager, report.id);
      return {
        type: 'supervise',
        actor: accountId,
        publicText: SUPERVISED_PUBLIC_TEXT,
        internalText: `督办：${input.text}（${spokenDate(input.dueOn)}前回复）`,
      };
    });
  }

  async urge(report: ReportEntity, accountId: number, text: string, key: ActionKey | null): Promise<void> {
    await this.step(report, key, async (manager, now) => {
      await manager.insert(CaseSupervisionEntity, {
        reportId: report.id,
        kind: 'urge',
        text,
        deadlineId: null,
        createdBy: accountId,
        createdAt: now,
      });
      return { type: 'urge', actor: accountId, publicText: null, internalText: `催办：${text}` };
    });
  }

  /**
   * Answers the open 督办 and meets its clock. A late answer stays on the 督办's own row (answered after
   * its date), not on the case: the figures' 按时答复 is about the answer to the reporter.
   */
  async answer(report: ReportEntity, accountId: number, text: string, key: ActionKey | null): Promise<void> {
    await this.step(report, key, async (manager, now) => {
      const open = await manager.findOneBy(CaseSupervisionEntity, { reportId: report.id, kind: 'supervise', answeredAt: IsNull() });
      if (!open) throw new DomainError('ACTION_NOT_ALLOWED');
      await manager.update(CaseSupervisionEntity, { id: open.id }, { answerText: text, answeredBy: accountId, answeredAt: now });
      const clock = open.deadlineId ? await manager.findOneBy(ReportDeadlineEntity, { id: open.deadlineId, metAt: IsNull() }) : null;
      if (clock) {
        await manager.update(ReportDeadlineEntity, { id: clock.id }, { metAt: now });
        await refreshNextDue(manager, report.id);
      }
      return { type: 'answer_supervision', actor: accountId, publicText: null, internalText: `回复督办：${text}` };
    });
  }

  /** One transaction: the case's version moves on (refused if another step moved it first), the change, its event and key. */
  private async step(
    report: ReportEntity,
    key: ActionKey | null,
    change: (
      manager: EntityManager,
      now: Date,
    ) => Promise<{ type: 'supervise' | 'urge' | 'answer_supervision'; actor: number; publicText: string | null; internalText: string }>,
  ): Promise<void> {
    const now = this.clock.now();
    await this.dataSource.transaction(async (manager) => {
      const bumped = await manager.update(ReportEntity, { id: report.id, version: report.version }, { version: report.version + 1 });
      if (bumped.affected !== 1) throw new DomainError('ACTION_NOT_ALLOWED');
      const event = await change(manager, now);
      // The event's type is the audit action's name: supervise, urge, answer_supervision.
      await this.audit.recordIn(manager, event.actor, event.type, report.id);
      if (key) await manager.insert(CaseActionKeyEntity, { ...key, reportId: report.id, createdAt: now });
      await manager.insert(ReportEventEntity, {
        reportId: report.id,
        type: event.type,
        actor: `staff:${event.actor}`,
        publicText: event.publicText,
        internalText: event.internalText,
        createdAt: now,
      });
    });
    report.version += 1;
  }
}
