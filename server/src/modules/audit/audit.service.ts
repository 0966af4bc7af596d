import { Injectable } from '@nestjs/common';
import { AUDIT_ACTIONS, AUDIT_FIELD_LABELS, type AuditAction, type AuditEntry } from '@mashang/shared';
import { DataSource, type EntityManager, type Repository } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { AuditEntryEntity } from './audit-entry.entity.js';

/** A field an action changed, its values in words (a role's name, a region's name). */
export interface AuditChange {
  field: string;
  from: string | null;
  to: string | null;
}

export interface AuditRecord {
  actorId: number;
  action: AuditAction;
  reportId?: number | null;
  targetAccountId?: number | null;
  changes?: AuditChange[];
}

const FRESH_ACCOUNT_MS = 24 * 3_600_000;

const toDate = (value: Date | string): Date => (typeof value === 'string' ? new Date(`${value.replace(' ', 'T')}Z`) : value);

/**
 * The audit log: every reveal of a reporter's identity (and every refused attempt), every admin
 * action with its actor. Written as things happen, read by admins, never changed.
 */
@Injectable()
export class AuditService {
  private readonly entries: Repository<AuditEntryEntity>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {
    this.entries = dataSource.getRepository(AuditEntryEntity);
  }

  /**
   * An action on a report written in the transaction of the step itself, so the step and its entry
   * stand or fall together (a retry that finds the step done must also find its entry).
   */
  async recordIn(manager: EntityManager, actorId: number, action: AuditAction, reportId: number): Promise<void> {
    await manager.insert(AuditEntryEntity, {
      accountId: actorId,
      action,
      reportId,
      targetAccountId: null,
      flagged: 0,
      details: null,
      createdAt: this.clock.now(),
    });
  }

  /** Writes an entry; a reveal by an account created or reset within the last 24 hours is flagged. */
  async record(entry: AuditRecord): Promise<void>;
  /** The short form for an action on a report: `record(accountId, 'reveal_reporter', reportId)`. */
  async record(actorId: number, action: string, reportId: number | null): Promise<void>;
  async record(entryOrActor: AuditRecord | number, action?: string, reportId?: number | null): Promise<void> {
    const entry: Omit<AuditRecord, 'action'> & { action: string } =
      typeof entryOrActor === 'number' ? { actorId: entryOrActor, action: action!, reportId: reportId ?? null } : entryOrActor;
    const now = this.clock.now();
    let flagged = 0;
    if (entry.action === 'reveal_reporter') {
      const actor = await this.dataSource
        .createQueryBuilder()
        .select(['s.created_at AS created_at', 's.password_reset_at AS password_reset_at'])
        .from('staff_accounts', 's')
        .where('s.id = :id', { id: entry.actorId })
        .getRawOne<{ created_at: Date | string; password_reset_at: Date | string | null }>();
      const since = now.getTime() - FRESH_ACCOUNT_MS;
      const fresh = (at: Date | string | null | undefined) => at !== null && at !== undefined && toDate(at).getTime() > since;
      flagged = actor && (fresh(actor.created_at) || fresh(actor.password_reset_at)) ? 1 : 0;
    }
    await this.entries.insert({
      accountId: entry.actorId,
      action: entry.action,
      reportId: entry.reportId ?? null,
      targetAccountId: entry.targetAccountId ?? null,
      flagged,
      details: entry.changes?.length ? JSON.stringify(entry.changes) : null,
      createdAt: now,
    });
  }

  /**
   * A reveal of a reporter's identity that was refused (wrong role, a case outside the account's
   * jurisdiction, an account that has not finished its sign-in setup…), with the reason.
   */
  async recordRefusedReveal(actorId: number, reportNo: unknown, reason: string): Promise<void> {
    const number = typeof reportNo === 'string' ? reportNo.slice(0, 16) : '';
    const report = number
      ? await this.dataSource
          .createQueryBuilder()
          .select('r.id AS id')
          .from('reports', 'r')
          .where('r.report_no = :number', { number })
          .getRawOne<{ id: number | string }>()
      : undefined;
    await this.record({
      actorId,
      action: 'reveal_refused',
      reportId: report ? Number(report.id) : null,
      changes: [...(report || !number ? [] : [{ field: 'reportNo', from: null, to: number }]), { field: 'reason', from: null, to: reason }],
    });
  }

  /** Entries by accounts of the region and below, newest first, naming people by their display names. */
  async list(regionCode: string, limit = 500): Promise<AuditEntry[]> {
    const rows: {
      created_at: Date | string;
      actor: string;
      target: string | null;
      action: string;
      report_no: string | null;
      flagged: number | string;
      details: string | null;
    }[] = await this.dataSource
      .createQueryBuilder()
      .select([
        'a.created_at AS created_at',
        's.display_name AS actor',
        't.display_name AS target',
        'a.action AS action',
        'r.report_no AS report_no',
        'a.flagged AS flagged',
        'a.details AS details',
      ])
      .from('audit_log', 'a')
      .innerJoin('staff_accounts', 's', 's.id = a.account_id')
      .leftJoin('staff_accounts', 't', 't.id = a.target_account_id')
      .leftJoin('reports', 'r', 'r.id = a.report_id')
      .where('s.region_code LIKE :prefix', { prefix: `${regionCode}%` })
      .orderBy('a.created_at', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .limit(limit)
      .getRawMany();
    return rows.map((r) => ({
      at: toDate(r.created_at).toISOString(),
      actor: r.actor,
      action: r.action,
      actionLabel: AUDIT_ACTIONS[r.action as AuditAction] ?? r.action,
      target: r.target,
      reportNo: r.report_no,
      flagged: Number(r.flagged) === 1,
      changes: (r.details ? (JSON.parse(r.details) as AuditChange[]) : []).map((c) => ({
        label: AUDIT_FIELD_LABELS[c.field] ?? c.field,
        from: c.from,
        to: c.to,
      })),
    }));
  }
}
