import { randomInt, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, LessThan, MoreThan, type Repository } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { DataProtection } from '../../common/data-protection.js';
import { DomainError } from '../../common/domain-error.js';
import { RateLimiter } from '../../common/rate-limit/rate-limiter.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { isUniqueViolation } from '../../database/unique-violation.js';
import { type OpenedSession, ReporterSessions } from '../reporter/reporter-sessions.js';
import { SmsProvider } from '../sms/sms-provider.js';
import { PhoneCodeEntity } from './phone-code.entity.js';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
export const CODE_LIFETIME_MS = 5 * MINUTE_MS;
/** Wrong tries before a code is dead: a one-in-200,000 chance of guessing it. */
export const CODE_TRIES = 5;
/** One code a minute per phone, five an hour; twenty an hour from one address (a family, a village office). */
export const RESEND_AFTER_S = 60;
const CODES_PER_PHONE_PER_HOUR = 5;
const CODES_PER_ADDRESS_PER_HOUR = 20;

/**
 * Finding one's real-name reports by phone: a six-digit code by SMS, kept only as a keyed hash for
 * five minutes and five tries, then a reporter session for the phone (the reporter module's). Whether
 * the phone has any reports is never told: every valid phone gets a code and a session, which lists
 * what there is, perhaps nothing.
 */
@Injectable()
export class PhoneLogin {
  private readonly codes: Repository<PhoneCodeEntity>;

  constructor(
    dataSource: DataSource,
    private readonly sessions: ReporterSessions,
    private readonly sms: SmsProvider,
    private readonly limiter: RateLimiter,
    private readonly protection: DataProtection,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.codes = dataSource.getRepository(PhoneCodeEntity);
  }

  async sendCode(phone: string, address: string): Promise<{ resendAfterSeconds: number; expiresInSeconds: number }> {
    if (!this.sms.enabled) throw new DomainError('SMS_UNAVAILABLE');
    const phoneHash = this.sessions.phoneHash(phone);
    // Counted by the address first, so trying many phones from one place is cut off however the phones vary.
    const limited =
      (await this.limiter.count('sms_code_addr', address, HOUR_MS)) > CODES_PER_ADDRESS_PER_HOUR ||
      (await this.limiter.count('sms_code_min', phoneHash, MINUTE_MS)) > 1 ||
      (await this.limiter.count('sms_code_hour', phoneHash, HOUR_MS)) > CODES_PER_PHONE_PER_HOUR;
    if (limited) throw new DomainError('RATE_LIMITED');
    // A cap on all codes (SMS pumping from many addresses and phones): fails closed, as if SMS were down.
    const capped =
      (await this.limiter.count('sms_code_all_hour', 'all', HOUR_MS)) > this.config.sms.codesPerHour ||
      (await this.limiter.count('sms_code_all_day', 'all', DAY_MS)) > this.config.sms.codesPerDay;
    if (capped) throw new DomainError('SMS_UNAVAILABLE');
    const code = randomInt(0, 1_000_000).toString().padStart(6, '0');
    const now = this.clock.now();
    // Expired codes go: each keeps a hash of a phone that asked, of no use once the code is dead.
    await this.codes.delete({ expiresAt: LessThan(now) });
    try {
      // A new code replaces the phone's last one.
      await this.codes.manager.transaction(async (manager) => {
        await manager.delete(PhoneCodeEntity, { phoneHash });
        await manager.insert(PhoneCodeEntity, {
          phoneHash,
          codeHash: this.codeHash(phoneHash, code),
          attempts: 0,
          expiresAt: new Date(now.getTime() + CODE_LIFETIME_MS),
          createdAt: now,
        });
      });
    } catch (error) {
      // Two requests for one phone at once: the other one's code stands.
      if (isUniqueViolation(error)) throw new DomainError('RATE_LIMITED');
      throw error;
    }
    const sent = await this.sms.send({ phone, template: 'code', params: [code, String(CODE_LIFETIME_MS / MINUTE_MS)] });
    if (!sent.ok) {
      await this.codes.delete({ phoneHash });
      throw new DomainError('SMS_UNAVAILABLE');
    }
    return { resendAfterSeconds: RESEND_AFTER_S, expiresInSeconds: CODE_LIFETIME_MS / 1000 };
  }

  async signIn(phone: string, code: string, address: string): Promise<OpenedSession> {
    if (!this.sms.enabled) throw new DomainError('SMS_UNAVAILABLE');
    if (!(await this.limiter.hit('phone_signin', address, this.config.loginLimitPerMinute, MINUTE_MS)))
      throw new DomainError('RATE_LIMITED');
    const phoneHash = this.sessions.phoneHash(phone);
    const now = this.clock.now();
    // The try is counted before the code is compared, in one statement: requests racing on one code get five tries in all.
    const counted = await this.codes.update(
      { phoneHash, attempts: LessThan(CODE_TRIES), expiresAt: MoreThan(now) },
      { attempts: () => 'attempts + 1' },
    );
    if (counted.affected !== 1) throw new DomainError('PHONE_CODE_INVALID');
    const live = await this.codes.findOneBy({ phoneHash });
    const expected = Buffer.from(this.codeHash(phoneHash, code), 'hex');
    if (!live || !timingSafeEqual(Buffer.from(live.codeHash, 'hex'), expected)) throw new DomainError('PHONE_CODE_INVALID');
    // Used once: only the request that removes it signs in.
    const used = await this.codes.delete({ id: live.id, codeHash: live.codeHash });
    if (used.affected !== 1) throw new DomainError('PHONE_CODE_INVALID');
    return this.sessions.openForPhone(phone);
  }

  private codeHash(phoneHash: string, code: string): string {
    return this.protection.keyedHash('phone-code', `${phoneHash}:${code}`).toString('hex');
  }
}
