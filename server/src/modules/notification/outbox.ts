import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type JobPayload, OutboxJobEntity } from './outbox-job.entity.js';

/** What became of one attempt at a job. */
export type JobOutcome =
  /** Done: sent (through `channel`), or nothing to send (`skipped`, with the reason). */
  | { done: 'sent'; channel?: string }
  | { done: 'skipped'; reason: string }
  /** Worth another try later (a service down or busy). */
  | { retry: string }
  /** Never going to work (a value the service refuses): stop, and keep the reason. */
  | { giveUp: string };

/** Does one kind of job. It may be run again after a crash, so it must tolerate that. */
export type JobHandler = (job: OutboxJobEntity) => Promise<JobOutcome>;

export interface NewJob {
  kind: string;
  reportId?: number | null;
  /** Codes and dates only: never report content, names or phone numbers. */
  payload: JobPayload;
  /** When it may first run; now by default. */
  runAt: Date;
}

/**
 * The outbox: jobs written in the caller's transaction (so they exist exactly when the step that
 * called for them does) and the handlers that do each kind, registered by the modules that own them.
 */
@Injectable()
export class Outbox {
  private readonly handlers = new Map<string, JobHandler>();

  /** Registers the handler of a kind of job; one per kind. */
  handle(kind: string, handler: JobHandler): void {
    if (this.handlers.has(kind)) throw new Error(`An outbox handler for "${kind}" is registered already`);
    this.handlers.set(kind, handler);
  }

  handlerOf(kind: string): JobHandler | undefined {
    return this.handlers.get(kind);
  }

  /** Writes a job in the caller's transaction. */
  async enqueue(manager: EntityManager, job: NewJob): Promise<void> {
    await manager.insert(OutboxJobEntity, {
      kind: job.kind,
      reportId: job.reportId ?? null,
      payload: job.payload,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: job.runAt,
      claimedBy: null,
      claimedUntil: null,
      lastError: null,
      channel: null,
      createdAt: job.runAt,
      doneAt: null,
    });
  }
}
