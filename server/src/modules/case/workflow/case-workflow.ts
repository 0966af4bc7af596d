import { Injectable } from '@nestjs/common';
import { type CaseAction, type DueDateKind, nextStatus } from '@mashang/shared';
import { type EntityManager, In, IsNull, Not } from 'typeorm';
import { Clock } from '../../../common/clock.js';
import { DomainError } from '../../../common/domain-error.js';
import { chinaDate } from '../../calendar/china-date.js';
import { ReportDeadlineEntity } from '../entities/report-deadline.entity.js';
import { DeadlineRulesService } from '../../deadline/deadline-rules.service.js';
import type { DeadlineStart } from '../../deadline/deadline-rules.js';
import { ReportEventEntity } from '../entities/report-event.entity.js';
import { ReportEntity } from '../entities/report.entity.js';
import { ReportRepository } from '../report.repository.js';
import { refreshNextDue } from './next-due.js';
import type { ActionKey } from './action-keys.js';
import { CaseActionKeyEntity } from '../entities/case-action-key.entity.js';
import { CaseTransferEntity } from '../entities/case-transfer.entity.js';
import { ReportHooks } from './report-hooks.js';

/** What an action does to the clocks: duties it fulfils, clocks it starts, and whether the rest lapse. */
const CLOCK_EFFECTS: Partial<
  Record<
    CaseAction,
    {
      meets?: DueDateKind[];
      starts?: DeadlineStart;
      /** Starts those clocks only from these states. */
      startsFrom?: ReportEntity['status'][];
      endsAll?: boolean;
      endsAllBut?: DueDateKind[];
    }
  >
> = {
  accept: { meets: ['acceptance', 'transferred_in'], starts: 'accepted' },
  decline: { meets: ['acceptance', 'transferred_in'], endsAll: true },
  // The county takes over the case with its clocks: an accepted petition keeps its handling clock for
  // the reporter; one not yet accepted starts the county's clock to accept or pass it on.
  transfer_up: { starts: 'transferred_in', startsFrom: ['submitted'] },
  transfer_out: { meets: ['acceptance', 'transferred_in'], endsAll: true },
  conclude: { meets: ['handling', 'review'], starts: 'concluded' },
  reply: { meets: ['handling', 'review', 'feedback'], starts: 'replied' },
  request_review: { meets: ['review_request'], starts: 'review_requested' },
  close: { endsAll: true },
  // The sender's clocks end without counting as done; the duty to tell the reporter passes on with the case.
  transfer_township: { starts: 'transferred_in', endsAllBut: ['acceptance'] },
  mark_duplicate: { endsAll: true },
  mark_invalid: { endsAll: true },
};

/** The event that opened each stage of a case, and the clocks it starts (for a corrected track). */
const STAGE_STARTS: Partial<Record<ReportEntity['status'], { start: DeadlineStart; event: CaseAction | null }>> = {
  submitted: { start: 'received', event: null },
  accepted: { start: 'accepted', event: 'accept' },
  concluded: { start: 'concluded', event: 'conclude' },
  replied: { start: 'replied', event: 'reply' },
  under_review: { start: 'review_requested', event: 'request_review' },
};

export interface WorkflowStep {
  action: CaseAction;
  /** `reporter`, `system`, or `staff:<account id>`. */
  actor: string;
  publicText: string | null;
  internalText: string | null;
  /** Other columns the action sets on the report. */
  changes?: Partial<Omit<ReportEntity, 'id' | 'status'>>;
  /** Deadlines the caller settles itself (a transfer's own deadline, say). */
  extraDeadlines?: Omit<ReportDeadlineEntity, 'id' | 'reportId' | 'cancelledAt'>[];
  /** A transfer to another township: the line the sender keeps. */
  transfer?: { fromCode: string; toCode: string };
  /** The idempotency key the step is taken under, recorded with it. */
  key?: ActionKey | null;
  /** An open deadline moved to a new last day (an approved extension). */
  moveDeadline?: { id: number; dueOn: string; provisional: boolean };
  /** Writes that stand or fall with the step: its audit entry. */
  alsoWrite?: (manager: EntityManager) => Promise<void>;
}

/**
 * Applies one step of a case's life in one transaction: the state machine decides whether it is
 * allowed, the deadline rules decide the clocks, and the step becomes an event on the timeline.
 * A step that lost a race with any other step on the same case is refused and changes nothing.
 */
@Injectable()
export class CaseWorkflow {
  constructor(
    private readonly reports: ReportRepository,
    private readonly rules: DeadlineRulesService,
    private readonly clock: Clock,
    private readonly hooks: ReportHooks,
  ) {}

  /**
   * Applies the steps one after another in one transaction (a rating and the close it leads to):
   * all of them stand, or none.
   */
  async apply(report: ReportEntity, ...steps: WorkflowStep[]): Promise<void> {
    const now = this.clock.now();
    let current = report;
    const planned = steps.map((step) => {
      const status = nextStatus(step.action, current.status);
      if (!status) throw new DomainError('ACTION_NOT_ALLOWED');
      const before = current;
      current = { ...current, ...step.changes, status, version: current.version + 1 };
      return { step, status, before, after: current };
    });
    await this.reports.transaction(async (manager) => {
      for (const { step, status, before, after } of planned) {
        await this.applyIn(manager, before, step, status, now);
        await this.hooks.stepped(manager, { before, after, step, now });
      }
    });
    Object.assign(report, current);
  }

  private async applyIn(manager: EntityManager, report: ReportEntity, step: WorkflowStep, status: ReportEntity['status'], now: Date) {
    const effects = CLOCK_EFFECTS[step.action] ?? {};
    const changed = await manager.update(
      ReportEntity,
      { id: report.id, version: report.version },
      { ...step.changes, status, version: report.version + 1 },
    );
    if (changed.affected !== 1) throw new DomainError('ACTION_NOT_ALLOWED');
    const met = await this.meet(manager, report.id, effects.meets ?? [], now);
    let missed = met.some((d) => chinaDate(now) > d.dueOn);
    if (effects.endsAll) await this.endOpenDeadlines(manager, report.id, now);
    if (effects.endsAllBut) await this.endOpenDeadlines(manager, report.id, now, effects.endsAllBut);
    const track = step.changes?.track ?? report.track;
    if (track !== report.track) await this.reclock(manager, report, track);
    if (step.moveDeadline) {
      const { id, dueOn, provisional } = step.moveDeadline;
      await manager.update(ReportDeadlineEntity, { id }, { dueOn, provisional: provisional ? 1 : 0 });
    }
    const starts = effects.starts && (!effects.startsFrom || effects.startsFrom.includes(report.status)) ? effects.starts : null;
    const started = starts ? this.rules.for(report.villageCode).startedBy(starts, track, report.mode, now) : [];
    const rows = [
      ...started.map((d) => ({ kind: d.kind, dueOn: d.date, provisional: d.provisional ? 1 : 0, startedAt: now, metAt: null })),
      ...(step.extraDeadlines ?? []),
    ];
    if (rows.length)
      await manager.insert(
        ReportDeadlineEntity,
        rows.map((r) => ({ ...r, reportId: report.id })),
      );
    missed ||= (step.extraDeadlines ?? []).some((d) => d.metAt && chinaDate(d.metAt) > d.dueOn);
    // The figures read the acceptance's verdict from the report: it is set with the step that met the deadline.
    const acceptance = met.find((d) => d.kind === 'acceptance');
    const verdicts: Partial<ReportEntity> = {
      ...(missed ? { missedDeadline: 1 } : {}),
      ...(acceptance ? { acceptedOnTime: chinaDate(now) > acceptance.dueOn ? 0 : 1 } : {}),
    };
    if (Object.keys(verdicts).length) await manager.update(ReportEntity, { id: report.id }, verdicts);
    await refreshNextDue(manager, report.id);
    if (step.key) await manager.insert(CaseActionKeyEntity, { ...step.key, reportId: report.id, createdAt: now });
    if (step.transfer) await manager.insert(CaseTransferEntity, { ...step.transfer, reportId: report.id, createdAt: now });
    await step.alsoWrite?.(manager);
    await manager.insert(ReportEventEntity, {
      reportId: report.id,
      type: step.action,
      actor: step.actor,
      publicText: step.publicText,
      internalText: step.internalText,
      createdAt: now,
    });
  }

  /** Marks open duties of these kinds as done; answers the deadlines it met. */
  private async meet(manager: EntityManager, reportId: number, kinds: DueDateKind[], now: Date): Promise<ReportDeadlineEntity[]> {
    if (!kinds.length) return [];
    const open = await manager.findBy(ReportDeadlineEntity, { reportId, kind: In(kinds), metAt: IsNull(), cancelledAt: IsNull() });
    if (open.length) await manager.update(ReportDeadlineEntity, { id: In(open.map((d) => d.id)) }, { metAt: now });
    return open;
  }

  /**
   * A corrected track puts the open clocks under the other regime's rules, from when each started,
   * and starts the clocks that regime runs in the case's current stage but the old one did not.
   */
  private async reclock(manager: EntityManager, report: ReportEntity, track: ReportEntity['track']): Promise<void> {
    const deadlines = this.rules.for(report.villageCode);
    const all = await manager.findBy(ReportDeadlineEntity, { reportId: report.id });
    const open = all.filter((d) => !d.metAt && !d.cancelledAt);
    const stage = STAGE_STARTS[report.status];
    if (stage) {
      const startedAt = stage.event
        ? (await manager.findOne(ReportEventEntity, { where: { reportId: report.id, type: stage.event }, order: { id: 'DESC' } }))
            ?.createdAt
        : report.receivedAt;
      const missing = startedAt
        ? deadlines.startedBy(stage.start, track, report.mode, startedAt).filter((d) => !all.some((a) => a.kind === d.kind))
        : [];
      if (missing.length) {
        await manager.insert(
          ReportDeadlineEntity,
          missing.map((d) => ({
            reportId: report.id,
            kind: d.kind,
            dueOn: d.date,
            provisional: d.provisional ? 1 : 0,
            startedAt: startedAt!,
          })),
        );
      }
    }
    // A 督办's date is the county's, not a rule's: a corrected track leaves it as set.
    for (const deadline of open.filter((d) => d.kind !== 'supervision')) {
      const rule = deadlines.rule(track, deadline.kind);
      const due = rule && deadlines.appliesTo(rule, report.mode) ? deadlines.dueDate(rule, deadline.startedAt) : null;
      await manager.update(
        ReportDeadlineEntity,
        { id: deadline.id },
        due ? { dueOn: due.date, provisional: due.provisional ? 1 : 0 } : { cancelledAt: this.clock.now() },
      );
    }
  }

  private async endOpenDeadlines(manager: EntityManager, reportId: number, now: Date, keep: DueDateKind[] = []): Promise<void> {
    await manager.update(
      ReportDeadlineEntity,
      { reportId, metAt: IsNull(), cancelledAt: IsNull(), ...(keep.length ? { kind: Not(In(keep)) } : {}) },
      { cancelledAt: now },
    );
  }
}
