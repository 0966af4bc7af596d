import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { DataSource, IsNull, LessThan, LessThanOrEqual, Or } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { every, type StopLoop } from '../../common/every.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { OutboxJobEntity } from './outbox-job.entity.js';
import { type JobOutcome, Outbox } from './outbox.js';

/** Attempts before a job is given up (about 4 hours of backoff in all). */
export const MAX_ATTEMPTS = 8;
/**
 * How long a claimed job is this instance's: far longer than any one send may take. The worst is a
 * WeChat notice: a token fetch and a send, each maybe renewed once, each of 10 s retried once when busy
 * (about 1.5 min in all); an SMS is one 10 s request.
 */
const LEASE_MS = 600_000;
/** Jobs taken per round. */
const BATCH = 20;

/** The wait after the n-th failed attempt: 30 s, 1 min, 2 min… at most an hour. */
export function backoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

export interface WorkerRound {
  claimed: number;
  sent: number;
  skipped: number;
  retried: number;
  failed: number;
}

/**
 * Takes due jobs and does them. Any number of instances may run it at once: each job is claimed by
 * a conditional UPDATE (pending, and not claimed or its claim lapsed) that only one of them can win,
 * and only the winner works on it and records the outcome. A job never blocks or undoes the step
 * that wrote it: a failure only schedules another try, with backoff, until MAX_ATTEMPTS.
 */
@Injectable()
export class OutboxWorker implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Outbox');
  /** Names this instance in the claims it makes. */
  private readonly instance = `${hostname().slice(0, 40)}:${process.pid}:${randomBytes(4).toString('hex')}`;
  private stop: StopLoop = () => Promise.resolve();
  private running: Promise<WorkerRound> | null = null;
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Called once the database is migrated, like the deadline sweep. */
  startWorking(): void {
    this.stop = every(this.config.notifications.outboxIntervalSeconds, () => this.runOnce(), this.logger);
  }

  /** Lets a round in progress finish before the database closes. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.stop();
    await this.running?.catch(() => undefined);
  }

  /** One round: claims the due jobs it can and does them. Tests call it directly. */
  runOnce(): Promise<WorkerRound> {
    if (this.running) return this.running;
    const round = this.round().finally(() => (this.running = null));
    this.running = round;
    return round;
  }

  private async round(): Promise<WorkerRound> {
    const result: WorkerRound = { claimed: 0, sent: 0, skipped: 0, retried: 0, failed: 0 };
    const jobs = this.dataSource.getRepository(OutboxJobEntity);
    const now = this.clock.now();
    const started = Date.now();
    const due = await jobs.find({
      select: { id: true },
      where: { status: 'pending', nextAttemptAt: LessThanOrEqual(now), claimedUntil: Or(IsNull(), LessThan(now)) },
      order: { nextAttemptAt: 'ASC', id: 'ASC' },
      take: BATCH,
    });
    for (const { id } of due) {
      if (this.stopped) break;
      // A slow round leaves the rest to the next one, so no claim is made near a lapsed lease's time.
      if (this.clock.now().getTime() - now.getTime() > LEASE_MS / 2 || Date.now() - started > LEASE_MS / 2) break;
      const job = await this.claim(id);
      if (!job) continue;
      result.claimed++;
      const outcome = await this.attempt(job);
      const counted = await this.record(job, outcome);
      if (counted) result[counted]++;
    }
    return result;
  }

  /** The job, if this instance won it; null when another instance holds it or it is done. */
  private async claim(id: number): Promise<OutboxJobEntity | null> {
    // The time of this claim, not the round's: earlier sends in the round may have taken a while.
    const now = this.clock.now();
    const jobs = this.dataSource.getRepository(OutboxJobEntity);
    const won = await jobs.update(
      { id, status: 'pending', claimedUntil: Or(IsNull(), LessThan(now)) },
      { claimedBy: this.instance, claimedUntil: new Date(now.getTime() + LEASE_MS) },
    );
    if (won.affected !== 1) return null;
    return jobs.findOneBy({ id, claimedBy: this.instance });
  }

  private async attempt(job: OutboxJobEntity): Promise<JobOutcome> {
    const handler = this.outbox.handlerOf(job.kind);
    if (!handler) return { giveUp: `no handler for ${job.kind}` };
    try {
      return await handler(job);
    } catch (error) {
      // The error's kind only: a message might quote what was being sent.
      const code = (error as { code?: unknown }).code;
      const suffix = typeof code === 'string' || typeof code === 'number' ? ` ${code}` : '';
      return { retry: `${error instanceof Error ? error.name : 'Error'}${suffix}` };
    }
  }

  /** Records the outcome, if the job is still this instance's; answers which count it adds to. */
  private async record(job: OutboxJobEntity, outcome: JobOutcome): Promise<keyof WorkerRound | null> {
    const now = this.clock.now();
    const attempts = job.attempts + 1;
    let changes: Partial<OutboxJobEntity>;
    let counted: keyof WorkerRound;
    if ('done' in outcome) {
      changes = {
        status: outcome.done,
        doneAt: now,
        channel: outcome.done === 'sent' ? (outcome.channel ?? null) : null,
        lastError: outcome.done === 'skipped' ? outcome.reason.slice(0, 255) : null,
      };
      counted = outcome.done === 'sent' ? 'sent' : 'skipped';
    } else if ('giveUp' in outcome || attempts >= MAX_ATTEMPTS) {
      const reason = 'giveUp' in outcome ? outcome.giveUp : outcome.retry;
      changes = { status: 'failed', doneAt: now, lastError: reason.slice(0, 255) };
      counted = 'failed';
      this.logger.warn(`Job ${job.id} (${job.kind}) given up after ${attempts} attempt(s): ${reason}`);
    } else {
      changes = { nextAttemptAt: new Date(now.getTime() + backoffMs(attempts)), lastError: outcome.retry.slice(0, 255) };
      counted = 'retried';
    }
    const saved = await this.dataSource
      .getRepository(OutboxJobEntity)
      .update({ id: job.id, claimedBy: this.instance, status: 'pending' }, { ...changes, attempts, claimedBy: null, claimedUntil: null });
    return saved.affected === 1 ? counted : null;
  }
}
