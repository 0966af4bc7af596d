import { Injectable } from '@nestjs/common';
import type { CaseDetail } from '@mashang/shared';
import { DataSource, type EntityManager, In, IsNull, Not } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { DomainError } from '../../common/domain-error.js';
import { spokenDate } from '../calendar/china-date.js';
import { AuditService } from '../audit/audit.service.js';
import { CaseActionKeyEntity } from './entities/case-action-key.entity.js';
import { CaseAlertEntity } from './entities/case-alert.entity.js';
import { CaseSupervisionEntity } from './entities/case-supervision.entity.js';
import { ReportDeadlineEntity } from './entities/report-deadline.entity.js';
import { ReportEventEntity } from './entities/report-event.entity.js';
import { ReportEntity } from './entities/report.entity.js';
import type { StaffAccountEntity } from '../staff/staff-account.entity.js';
import type { ActionKey } from './workflow/action-keys.js';
import { refreshNextDue } from './workflow/next-due.js';
import { type AppliedStep, ReportHooks } from './workflow/report-hooks.js';
import { countyOf, handlingTownshipOf } from './jurisdiction.js';

type SupervisionAction = CaseDetail['supervisionActions'][number];

const OPEN: ReportEntity['status'][] = ['submitted', 'accepted', 'concluded', 'replied', 'under_review'];

/** What the reporter reads of a 督办: that the county pressed the case, never what it asked nor the township's answer. */
const SUPERVISED_PUBLIC_TEXT = '县纪委已督办本件，督促承办单位依规办理';

/**
 * Why an open 督办 ends with the step that takes the case away from the township, for staff. Sent up,
 * the county handles the case itself: the 督办 is settled. Handed to another township or body, it was
 * addressed to a township that no longer handles the case: it is withdrawn. Ended, there is nothing
 * left to press.
 */
const ENDED_BY: Partial<Record<AppliedStep['step']['action'], string>> = {
  transfer_up: '案件已报送县纪委办理，督办随之结束',
  transfer_township: '案件已转交其他乡镇办理，对原承办单位的督办随之撤销；如有需要，县纪委可对新承办单位另行督办',
  transfer_out: '案件已转交其他机关办理，督办随之撤销',
  decline: '案件不予受理，督办随之结束',
  close: '案件已办结归档，督办随之结束',
  mark_duplicate: '案件已标记为重复，督办随之结束',
  mark_invalid: '案件已标记为无效，督办随之结束',
};

/** A 督办 still owed an answer: unanswered, and its clock neither met nor stopped by the case leaving the township. */
export function pendingSupervision(
  rows: CaseSupervisionEntity[],
  deadlines: Pick<ReportDeadlineEntity, 'id' | 'metAt' | 'cancelledAt'>[],
): CaseSupervisionEntity | undefined {
  return rows.find((s) => {
    const clock = deadlines.find((d) => d.id === s.deadlineId);
    return s.kind === 'supervise' && !s.answeredAt && !!clock && !clock.metAt && !clock.cancelledAt;
  });
}

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
    hooks: ReportHooks,
  ) {
    hooks.register({ stepped: (manager, applied) => this.endIfLeft(manager, applied) });
  }

  of(reportId: number): Promise<CaseSupervisionEntity[]> {
    return this.dataSource.getRepository(CaseSupervisionEntity).find({ where: { reportId }, order: { id: 'ASC' } });
  }

  /**
   * 催办 lines of the cases a township handles, newest first: each case's latest, while it is open there,
   * and not one written to a township that handled the case before it was transferred here.
   */
  async urgesFor(township: string): Promise<{ urge: CaseSupervisionEntity; report: ReportEntity }[]> {
    const rows = await this.dataSource
      .getRepository(CaseSupervisionEntity)
      .createQueryBuilder('s')
      .innerJoin(ReportEntity, 'r', 'r.id = s.report_id')
      .where("s.kind = 'urge' AND r.handling_code = :township AND r.level = 'township' AND r.status IN (:...open)", {
        township,
        open: OPEN,
      })
      .andWhere('NOT EXISTS (SELECT 1 FROM case_transfers t WHERE t.report_id = s.report_id AND t.created_at >= s.created_at)')
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
  actionsFor(
    account: StaffAccountEntity,
    report: ReportEntity,
    rows: CaseSupervisionEntity[],
    deadlines: ReportDeadlineEntity[],
    late: boolean,
  ): SupervisionAction[] {
    if (report.level !== 'township' || !OPEN.includes(report.status)) return [];
    const pending = !!pendingSupervision(rows, deadlines);
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
   * its date), not on the case: the figures' 按时答复 is about the answer to the reporter. The county is
   * told by an alert of its own, raised once (the alerts' unique deadline, kind and day) with the answer.
   */
  async answer(report: ReportEntity, accountId: number, text: string, key: ActionKey | null): Promise<void> {
    await this.step(report, key, async (manager, now) => {
      const [rows, clocks] = await Promise.all([
        manager.findBy(CaseSupervisionEntity, { reportId: report.id, kind: 'supervise', answeredAt: IsNull() }),
        manager.findBy(ReportDeadlineEntity, { reportId: report.id, kind: 'supervision' }),
      ]);
      const open = pendingSupervision(rows, clocks);
      const clock = clocks.find((d) => d.id === open?.deadlineId);
      if (!open || !clock) throw new DomainError('ACTION_NOT_ALLOWED');
      await manager.update(CaseSupervisionEntity, { id: open.id }, { answerText: text, answeredBy: accountId, answeredAt: now });
      await manager.update(ReportDeadlineEntity, { id: clock.id }, { metAt: now });
      await refreshNextDue(manager, report.id);
      await manager.insert(CaseAlertEntity, {
        reportId: report.id,
        deadlineId: clock.id,
        kind: 'answered',
        dueOn: clock.dueOn,
        regionCode: countyOf(report.villageCode),
        createdAt: now,
      });
      return { type: 'answer_supervision', actor: accountId, publicText: null, internalText: `回复督办：${text}` };
    });
  }

  /**
   * The county's alerts that a township answered its 督办, newest first, with the answer: while the case
   * is still open at the township and no later 督办 followed (then that one is what the county waits on).
   */
  async answeredAlerts(county: string): Promise<{ alert: CaseAlertEntity; supervision: CaseSupervisionEntity; report: ReportEntity }[]> {
    const rows = await this.dataSource
      .getRepository(CaseAlertEntity)
      .createQueryBuilder('a')
      .innerJoinAndMapOne('a.supervision', CaseSupervisionEntity, 's', "s.deadline_id = a.deadline_id AND s.kind = 'supervise'")
      .innerJoin(ReportEntity, 'r', 'r.id = a.report_id')
      // The answered 督办's clock stops when the case leaves the township that answered: its answer is then past news.
      .innerJoin(ReportDeadlineEntity, 'd', 'd.id = a.deadline_id AND d.cancelled_at IS NULL')
      .where("a.region_code = :county AND a.kind = 'answered' AND r.level = 'township' AND r.status IN (:...open)", {
        county,
        open: OPEN,
      })
      .andWhere(
        'NOT EXISTS (SELECT 1 FROM case_supervisions later WHERE later.report_id = a.report_id' +
          " AND later.kind = 'supervise' AND later.id > s.id)",
      )
      .orderBy('a.created_at', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .limit(500)
      .getMany();
    const reports = await this.dataSource.getRepository(ReportEntity).findBy({ id: In(rows.map((a) => a.reportId).concat(0)) });
    return rows.map((alert) => ({
      alert,
      supervision: (alert as CaseAlertEntity & { supervision: CaseSupervisionEntity }).supervision,
      report: reports.find((r) => r.id === alert.reportId)!,
    }));
  }

  /**
   * In the transaction of a step that takes the case away from its township (sent up, handed to another
   * township or body) or ends it: the open 督办 stops, its clock cancelled (no more reminders or overdue
   * flags), with a line on the timeline that says why. Its text and date stay on the case.
   */
  private async endIfLeft(manager: EntityManager, { before, after, step, now }: AppliedStep): Promise<void> {
    const wasHere = before.level === 'township' && OPEN.includes(before.status);
    const stillHere = after.level === 'township' && OPEN.includes(after.status) && handlingTownshipOf(after) === handlingTownshipOf(before);
    if (!wasHere || stillHere) return;
    const [rows, clocks] = await Promise.all([
      manager.findBy(CaseSupervisionEntity, { reportId: before.id, kind: 'supervise', answeredAt: IsNull() }),
      manager.findBy(ReportDeadlineEntity, { reportId: before.id, kind: 'supervision', metAt: IsNull() }),
    ]);
    // Open until this step: still running, or stopped by this very step (one that ends every clock of the case).
    const open = rows.filter((s) =>
      clocks.some((d) => d.id === s.deadlineId && (!d.cancelledAt || d.cancelledAt.getTime() === now.getTime())),
    );
    // An answered 督办 was the answer of the township that leaves: it stops too, so the next township, not
    // 督办ed yet, is on the county's 待办 when late (the clock's end is not shown for an answered 督办).
    const answered = await manager.update(
      ReportDeadlineEntity,
      { reportId: before.id, kind: 'supervision', metAt: Not(IsNull()), cancelledAt: IsNull() },
      { cancelledAt: now },
    );
    if (!open.length) {
      if (answered.affected) await refreshNextDue(manager, before.id);
      return;
    }
    await manager.update(ReportDeadlineEntity, { id: In(open.map((s) => s.deadlineId!)), cancelledAt: IsNull() }, { cancelledAt: now });
    await refreshNextDue(manager, before.id);
    await manager.insert(ReportEventEntity, {
      reportId: before.id,
      type: 'supervision_ended',
      actor: step.actor,
      publicText: null,
      internalText: `${ENDED_BY[step.action] ?? '案件已不由本乡镇办理，督办随之结束'}，不再计时`,
      createdAt: now,
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
