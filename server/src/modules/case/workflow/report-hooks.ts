import { Injectable } from '@nestjs/common';
import type { ReportCreate } from '@mashang/shared';
import type { EntityManager } from 'typeorm';
import type { ReportEntity } from '../entities/report.entity.js';
import type { WorkflowStep } from './case-workflow.js';

/** What came with a filing besides the report itself. */
export interface FilingContext {
  /** The report as the villager sent it (without the proof of work). */
  input: Omit<ReportCreate, 'proofOfWork'>;
  /** The signed-in reporter (WeChat or phone session), only ever for a real-name report. */
  reporterSessionId?: number | null;
}

/** One applied step: the report before it and as it stands after it, in the step's transaction. */
export interface AppliedStep {
  before: ReportEntity;
  after: ReportEntity;
  step: WorkflowStep;
  now: Date;
}

/**
 * Work that must stand or fall with a report's own writes (a notification to send, a figure to
 * count, a photo to attach) without the case module knowing each kind of work.
 */
export interface ReportHook {
  /** In the filing's transaction, once the report row exists. */
  filed?(manager: EntityManager, report: ReportEntity, context: FilingContext): Promise<void>;
  /** In a workflow step's transaction, once the report row is updated. */
  stepped?(manager: EntityManager, applied: AppliedStep): Promise<void>;
}

/** The hooks other modules register (in their constructors) and the case module runs. */
@Injectable()
export class ReportHooks {
  private readonly hooks: ReportHook[] = [];

  register(hook: ReportHook): void {
    this.hooks.push(hook);
  }

  async filed(manager: EntityManager, report: ReportEntity, context: FilingContext): Promise<void> {
    for (const hook of this.hooks) await hook.filed?.(manager, report, context);
  }

  async stepped(manager: EntityManager, applied: AppliedStep): Promise<void> {
    for (const hook of this.hooks) await hook.stepped?.(manager, applied);
  }
}
