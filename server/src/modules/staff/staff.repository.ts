import { Injectable } from '@nestjs/common';
import { DataSource, In, IsNull, Like, MoreThan, type Repository } from 'typeorm';
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

  /** Adds a failed login atomically; at the limit the account locks and the count restarts. True if it locked. */
  async countFailedLogin(id: number, limit: number, lockUntil: Date): Promise<boolean> {
    await this.accounts
      .createQueryBuilder()
      .update()
      .set({ failedLogins: () => 'failed_logins + 1' })
      .where('id = :id', { id })
      .execute();
    const locked = await this.accounts
      .createQueryBuilder()
      .update()
      .set({ failedLogins: 0, lockedUntil: lockUntil })
      .where('id = :id AND failed_logins >= :limit', { id, limit })
      .execute();
    return locked.affected === 1;
  }

  async createSession(session: Omit<StaffSessionEntity, 'id'>): Promise<void> {
    await this.sessions.insert(session);
  }

  findActiveSession(tokenHash: string, now: Date): Promise<StaffSessionEntity | null> {
    return this.sessions.findOneBy({ tokenHash, revokedAt: IsNull(), expiresAt: MoreThan(now) });
  }

  async revokeSession(tokenHash: string, now: Date): Promise<void> {
    await this.sessions.update({ tokenHash, revokedAt: IsNull() }, { revokedAt: now });
  }

  async revokeSessionsOf(accountId: number, now: Date): Promise<void> {
    await this.sessions.update({ accountId, revokedAt: IsNull() }, { revokedAt: now });
  }
}
