import { randomInt } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';
import { DataSource, IsNull, type Repository } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { DataProtection } from '../../common/data-protection.js';
import { StaffAccountEntity } from './staff-account.entity.js';
import { StaffRecoveryCodeEntity } from './staff-recovery-code.entity.js';

const ISSUER = '码上监督';
const PERIOD_SECONDS = 30;
/** A phone's clock may be a step off either way. */
const TOLERANCE_SECONDS = PERIOD_SECONDS;
export const RECOVERY_CODE_COUNT = 10;
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/**
 * TOTP (RFC 6238) with otplib, secrets encrypted at rest. A code is accepted once: the step it
 * matched is stored by a compare-and-set, so a replayed code (or the same code twice at once) fails.
 */
@Injectable()
export class TwoFactor {
  private readonly accounts: Repository<StaffAccountEntity>;
  private readonly recovery: Repository<StaffRecoveryCodeEntity>;

  constructor(
    dataSource: DataSource,
    private readonly protection: DataProtection,
    private readonly clock: Clock,
  ) {
    this.accounts = dataSource.getRepository(StaffAccountEntity);
    this.recovery = dataSource.getRepository(StaffRecoveryCodeEntity);
  }

  /** A new secret, kept pending until confirmed, and how to add it to an app. */
  async begin(account: StaffAccountEntity): Promise<{ secret: string; otpauthUrl: string; qrCode: string }> {
    const secret = generateSecret();
    await this.accounts.update({ id: account.id }, { totpPendingSecret: this.protection.encrypt(secret) });
    const otpauthUrl = generateURI({
      issuer: ISSUER,
      label: `${account.displayName}(${account.username})`,
      secret,
      period: PERIOD_SECONDS,
    });
    const qrCode = await QRCode.toDataURL(otpauthUrl, { errorCorrectionLevel: 'M', margin: 2, width: 240 });
    return { secret, otpauthUrl, qrCode };
  }

  /** Confirms the pending secret with a code from it; answers the recovery codes, or null for a wrong code. */
  async confirm(account: StaffAccountEntity, code: string): Promise<string[] | null> {
    if (!account.totpPendingSecret) return null;
    const secret = this.protection.decrypt(account.totpPendingSecret);
    const step = await this.matchingStep(secret, code, null);
    if (step === null) return null;
    const enabled = await this.accounts
      .createQueryBuilder()
      .update()
      .set({ totpSecret: account.totpPendingSecret, totpPendingSecret: null, totpEnabledAt: this.clock.now(), totpLastStep: String(step) })
      .where('id = :id AND totp_secret IS NULL AND totp_pending_secret = :pending', { id: account.id, pending: account.totpPendingSecret })
      .execute();
    if (!enabled.affected) return null;
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => {
      const raw = Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join('');
      return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8)}`;
    });
    await this.recovery.delete({ accountId: account.id });
    await this.recovery.insert(codes.map((c) => ({ accountId: account.id, codeHash: this.recoveryHash(c), usedAt: null })));
    return codes;
  }

  /** Checks a sign-in code: a current TOTP code not used before, or an unused recovery code (used up by this). */
  async check(account: StaffAccountEntity, code: string): Promise<boolean> {
    if (!account.totpSecret) return false;
    if (!/^\d{6}$/.test(code)) {
      const used = await this.recovery.update(
        { accountId: account.id, codeHash: this.recoveryHash(code), usedAt: IsNull() },
        { usedAt: this.clock.now() },
      );
      return Boolean(used.affected);
    }
    const last = account.totpLastStep === null ? null : Number(account.totpLastStep);
    const step = await this.matchingStep(this.protection.decrypt(account.totpSecret), code, last);
    if (step === null) return false;
    const taken = await this.accounts
      .createQueryBuilder()
      .update()
      .set({ totpLastStep: String(step) })
      .where('id = :id AND (totp_last_step IS NULL OR totp_last_step < :step)', { id: account.id, step })
      .execute();
    return Boolean(taken.affected);
  }

  /** Ends the enrolment (an admin's reset): the holder enrols again with a new secret. */
  async remove(accountId: number): Promise<void> {
    await this.accounts.update({ id: accountId }, { totpSecret: null, totpPendingSecret: null, totpEnabledAt: null, totpLastStep: null });
    await this.recovery.delete({ accountId });
  }

  private async matchingStep(secret: string, token: string, afterStep: number | null): Promise<number | null> {
    const result = await verify({
      secret,
      token,
      period: PERIOD_SECONDS,
      epoch: Math.floor(this.clock.now().getTime() / 1000),
      epochTolerance: TOLERANCE_SECONDS,
      ...(afterStep === null ? {} : { afterTimeStep: afterStep }),
    });
    return result.valid && 'timeStep' in result ? result.timeStep : null;
  }

  private recoveryHash(code: string): string {
    return this.protection.keyedHash('staff-recovery-code', code.toLowerCase().replace(/-/g, '')).toString('hex');
  }
}
