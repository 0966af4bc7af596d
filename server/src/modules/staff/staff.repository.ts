import { Injectable } from '@nestjs/common';
import { DataSource, In, IsNull, Like, MoreThan, Not, type Repository } from 'typeorm';
import { StaffAccountEntity } from './staff-account.entity.js';
import { StaffSessionEntity } from './staff-session.entity.js';

@Injectable()
export class StaffRepository {
  private readonly accounts: Repository<StaffAccountEntity>;
  private readonly sessions: Repository<StaffSessionEntity>;

  constructor(dataSource: DataSource) {
    this.accounts = dataSource.getRepository(StaffAccountEntity);
    this.sessions = dataSource.getRepository(StaffSessionEntity);
  }

  findByUsername(username: string): Promise<StaffAccountEntity | null> {
    return this.accounts.findOneBy({ username });
  }

  findById(id: number): Promise<StaffAccountEntity | null> {
    return this.accounts.findOneBy({ id });
  }

  /** The display names of accounts, in one query; ids that are null or repeated are fine. */
  async displayNames(ids: ReadonlyArray<number | null | undefined>): Promise<Map<number, string>> {
    const unique = [...new Set(ids.filter((id): id is number => typeof id === 'number'))];
    if (unique.length === 0) return new Map();
    const accounts = await this.accounts.find({ select: { id: true, displayName: true }, where: { id: In(unique) } });
    return new Map(accounts.map((a) => [a.id, a.displayName]));
  }

  /** Accounts of a region and every region under it. */
  listInRegion(regionCode: string): Promise<StaffAccountEntity[]> {
    return this.accounts.find({ where: { regionCode: Like(`${regionCode}%`) }, order: { regionCode: 'ASC', username: 'ASC' } });
  }

  create(account: Omit<StaffAccountEntity, 'id'>): Promise<StaffAccountEntity> {
    return this.accounts.save(this.accounts.create(account));
  }

  async update(id: number, changes: Partial<Omit<StaffAccountEntity, 'id'>>): Promise<void> {
    await this.accounts.update({ id }, changes);
  }

  async createSession(session: Omit<StaffSessionEntity, 'id'>): Promise<void> {
    await this.sessions.insert(session);
  }

  findActiveSession(tokenHash: string, now: Date): Promise<StaffSessionEntity | null> {
    return this.sessions.findOneBy({ tokenHash, stage: 'active', revokedAt: IsNull(), expiresAt: MoreThan(now) });
  }

  /** A sign-in that passed its password and still owes its code. */
  findChallenge(tokenHash: string, now: Date): Promise<StaffSessionEntity | null> {
    return this.sessions.findOneBy({ tokenHash, stage: 'two_factor', revokedAt: IsNull(), expiresAt: MoreThan(now) });
  }

  /** Counts a code tried against a challenge, atomically; false once it has had its attempts. */
  async takeChallengeAttempt(id: number, limit: number): Promise<boolean> {
    const taken = await this.sessions
      .createQueryBuilder()
      .update()
      .set({ attempts: () => 'attempts + 1' })
      .where('id = :id AND attempts < :limit AND revoked_at IS NULL', { id, limit })
      .execute();
    return Boolean(taken.affected);
  }

  /** Ends a challenge once it has been answered; false if another request answered it first. */
  async consumeChallenge(id: number, now: Date): Promise<boolean> {
    const consumed = await this.sessions
      .createQueryBuilder()
      .update()
      .set({ revokedAt: now })
      .where('id = :id AND revoked_at IS NULL', { id })
      .execute();
    return Boolean(consumed.affected);
  }

  async revokeOtherSessions(accountId: number, keepTokenHash: string, now: Date): Promise<void> {
    await this.sessions.update({ accountId, revokedAt: IsNull(), tokenHash: Not(keepTokenHash) }, { revokedAt: now });
  }

  async revokeSession(tokenHash: string, now: Date): Promise<void> {
    await this.sessions.update({ tokenHash, revokedAt: IsNull() }, { revokedAt: now });
  }

  async revokeSessionsOf(accountId: number, now: Date): Promise<void> {
    await this.sessions.update({ accountId, revokedAt: IsNull() }, { revokedAt: now });
  }
}
