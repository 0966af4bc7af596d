import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, Like, MoreThan, type Repository } from 'typeorm';
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
    return this.sessions.findOneBy({ tokenHash, revokedAt: IsNull(), expiresAt: MoreThan(now) });
  }

  async revokeSession(tokenHash: string, now: Date): Promise<void> {
    await this.sessions.update({ tokenHash, revokedAt: IsNull() }, { revokedAt: now });
  }

  async revokeSessionsOf(accountId: number, now: Date): Promise<void> {
    await this.sessions.update({ accountId, revokedAt: IsNull() }, { revokedAt: now });
  }
}
