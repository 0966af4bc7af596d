import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '../../../common/domain-error.js';
import { CaseActionKeyEntity } from '../entities/case-action-key.entity.js';
import { ReportSecrets } from '../report-secrets.js';

/** What a workflow step records of the key it was taken under, in its own transaction. */
export interface ActionKey {
  scope: string;
  keyHash: string;
  fingerprint: string;
}

/**
 * Idempotency keys of case actions. A retry with the same key and content (a weak network lost the
 * answer) does nothing again and is answered with the case as it is; the same key with other
 * content is refused. The key's row is written in the step's transaction, so the step and its key
 * stand or fall together, and a unique index settles two copies sent at once.
 */
@Injectable()
export class ActionKeys {
  constructor(
    private readonly dataSource: DataSource,
    private readonly secrets: ReportSecrets,
  ) {}

  of(scope: string, key: string, content: unknown): ActionKey {
    return { scope, keyHash: this.secrets.hashIdempotencyKey(key), fingerprint: this.secrets.fingerprint({ scope, content }) };
  }

  /** True when this exact action was already taken on this report; refuses a key reused for something else. */
  async taken(key: ActionKey, reportId: number): Promise<boolean> {
    const earlier = await this.dataSource.getRepository(CaseActionKeyEntity).findOneBy({ scope: key.scope, keyHash: key.keyHash });
    if (!earlier) return false;
    if (earlier.fingerprint !== key.fingerprint || earlier.reportId !== reportId) throw new DomainError('IDEMPOTENCY_KEY_REUSED');
    return true;
  }

  /**
   * Runs a step under a key: skipped when already taken; when it fails because a copy sent at the
   * same time won, answered as that copy was.
   */
  async run(key: ActionKey | null, reportId: number, step: () => Promise<void>): Promise<void> {
    if (!key) return step();
    if (await this.taken(key, reportId)) return;
    try {
      await step();
    } catch (error) {
      if (await this.taken(key, reportId)) return;
      throw error;
    }
  }
}
