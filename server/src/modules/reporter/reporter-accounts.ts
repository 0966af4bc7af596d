import { Injectable } from '@nestjs/common';
import { DataSource, type Repository } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { DataProtection } from '../../common/data-protection.js';
import { isUniqueViolation } from '../../database/unique-violation.js';
import { chinaDayStart } from './coarse-time.js';
import { ReporterAccountEntity } from './reporter.entities.js';

/** WeChat users known to 我的反映, one account per openid. */
@Injectable()
export class ReporterAccounts {
  private readonly accounts: Repository<ReporterAccountEntity>;

  constructor(
    dataSource: DataSource,
    private readonly protection: DataProtection,
    private readonly clock: Clock,
  ) {
    this.accounts = dataSource.getRepository(ReporterAccountEntity);
  }

  /** The account of this openid, made on its first sign-in (two first sign-ins at once make one). */
  async idFor(openid: string): Promise<number> {
    const openidHash = this.protection.keyedHash('reporter-openid', openid).toString('hex');
    const known = await this.accounts.findOne({ where: { openidHash }, select: { id: true } });
    if (known) return known.id;
    try {
      const inserted = await this.accounts.insert({
        openidHash,
        openidEnc: this.protection.encrypt(openid),
        createdAt: chinaDayStart(this.clock.now()),
      });
      return Number(inserted.identifiers[0]!.id);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const winner = await this.accounts.findOne({ where: { openidHash }, select: { id: true } });
      if (!winner) throw error;
      return winner.id;
    }
  }

  /** The openid of an account, for sending it a WeChat message; null when the account is gone. */
  async openidOf(accountId: number): Promise<string | null> {
    const account = await this.accounts.findOneBy({ id: accountId });
    return account ? this.protection.decrypt(account.openidEnc) : null;
  }
}
