import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { REPORTER_TOKEN_HEADER } from '@mashang/shared';
import type { FastifyRequest } from 'fastify';
import { DataSource, type EntityManager, LessThan, type Repository } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { DataProtection } from '../../common/data-protection.js';
import type { ReporterSessionLookup } from '../../common/reporter-session.js';
import { ceilToChinaDay, ceilToHour, chinaDayStart } from './coarse-time.js';
import { ReporterSessionEntity } from './reporter.entities.js';

const DAY_MS = 86_400_000;
/** A WeChat sign-in lasts a month (to the end of that China day): the mini program signs in again silently when it ends. */
export const WECHAT_SESSION_MS = 30 * DAY_MS;
/** A phone sign-in (SMS code) lasts a day (to the next whole hour): a shared phone should not stay signed in to someone's reports. */
export const PHONE_SESSION_MS = DAY_MS;
/** A phone WeChat vouched for counts as verified for a filing made within half an hour (to the next whole hour). */
export const VERIFIED_PHONE_MS = 30 * 60_000;
/** How often an instance deletes ended sessions (by their indexed end). */
const CLEANUP_EVERY_MS = 10 * 60_000;
/** 32 random bytes, base64url: 256 bits. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export type SessionOwner = { accountId: number } | { phoneHash: string };

export interface OpenedSession {
  token: string;
  expiresAt: Date;
}

/**
 * Reporters' sessions: a random token handed to the client once and kept only as its SHA-256, ending
 * on its own (30 days for WeChat, a day for a phone) or when signed out.
 */
@Injectable()
export class ReporterSessions implements ReporterSessionLookup {
  private readonly sessions: Repository<ReporterSessionEntity>;
  private lastCleanup = 0;

  constructor(
    dataSource: DataSource,
    private readonly protection: DataProtection,
    private readonly clock: Clock,
  ) {
    this.sessions = dataSource.getRepository(ReporterSessionEntity);
  }

  /** Opens a session for a WeChat account or for a phone (SMS sign-in, by `phoneHash`). */
  async open(owner: SessionOwner): Promise<OpenedSession> {
    const now = this.clock.now();
    await this.deleteEnded(now);
    const token = randomBytes(32).toString('base64url');
    const isAccount = 'accountId' in owner;
    // Stored coarse (coarse-time.ts): no time on the row dates the sign-in finer than its day, or for a phone its hour.
    const expiresAt = isAccount
      ? ceilToChinaDay(new Date(now.getTime() + WECHAT_SESSION_MS))
      : ceilToHour(new Date(now.getTime() + PHONE_SESSION_MS));
    await this.sessions.insert({
      tokenHash: hashToken(token),
      accountId: isAccount ? owner.accountId : null,
      phoneHash: isAccount ? null : owner.phoneHash,
      verifiedPhoneEnc: null,
      verifiedPhoneUntil: null,
      createdAt: chinaDayStart(now),
      expiresAt,
    });
    return { token, expiresAt };
  }

  /** A phone session, for a phone checked by an SMS code. */
  openForPhone(phone: string): Promise<OpenedSession> {
    return this.open({ phoneHash: this.phoneHash(phone) });
  }

  /**
   * The keyed hash a report's phone and a phone session are matched by; sealed under the data key, so
   * the hash secret alone does not let anyone test guessed numbers against it.
   */
  phoneHash(phone: string): string {
    return this.protection.sealedHash('reporter-phone', normalizePhone(phone)).toString('hex');
  }

  /** The live session a token names, or null. */
  async find(token: string | undefined): Promise<ReporterSessionEntity | null> {
    if (!token || !TOKEN_PATTERN.test(token)) return null;
    const session = await this.sessions.findOneBy({ tokenHash: hashToken(token) });
    return session && session.expiresAt > this.clock.now() ? session : null;
  }

  /**
   * The live session by id, for a filing that came with one: read through the filing's own transaction,
   * so a filing never waits for a second connection while it holds one.
   */
  async findById(id: number, manager: EntityManager): Promise<ReporterSessionEntity | null> {
    const session = await manager.findOneBy(ReporterSessionEntity, { id });
    return session && session.expiresAt > this.clock.now() ? session : null;
  }

  fromRequest(request: FastifyRequest): Promise<ReporterSessionEntity | null> {
    return this.find(tokenOf(request));
  }

  async sessionIdOf(request: FastifyRequest): Promise<number | null> {
    return (await this.fromRequest(request))?.id ?? null;
  }

  /** Remembers the phone WeChat vouched for on this session, for filings made in the next half hour. */
  async rememberVerifiedPhone(sessionId: number, phone: string): Promise<void> {
    await this.sessions.update(
      { id: sessionId },
      {
        verifiedPhoneEnc: this.protection.encrypt(normalizePhone(phone)),
        verifiedPhoneUntil: ceilToHour(new Date(this.clock.now().getTime() + VERIFIED_PHONE_MS)),
      },
    );
  }

  /** The phone WeChat vouched for on this session, while it still counts. */
  verifiedPhoneOf(session: ReporterSessionEntity): string | null {
    if (!session.verifiedPhoneEnc || !session.verifiedPhoneUntil || session.verifiedPhoneUntil <= this.clock.now()) return null;
    return this.protection.decrypt(session.verifiedPhoneEnc);
  }

  /** Signs out: the token stops working at once. Unknown tokens are ignored. */
  async close(token: string | undefined): Promise<void> {
    if (token && TOKEN_PATTERN.test(token)) await this.sessions.delete({ tokenHash: hashToken(token) });
  }

  private async deleteEnded(now: Date): Promise<void> {
    if (now.getTime() - this.lastCleanup < CLEANUP_EVERY_MS) return;
    this.lastCleanup = now.getTime();
    await this.sessions.delete({ expiresAt: LessThan(now) });
  }
}

/** The token a request carries in its X-Reporter-Token header. */
export function tokenOf(request: FastifyRequest): string | undefined {
  const value = request.headers[REPORTER_TOKEN_HEADER.toLowerCase()];
  return typeof value === 'string' ? value.trim() : undefined;
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A mainland mobile number as the report form takes it: 11 digits, without +86 or spaces. */
export function normalizePhone(phone: string): string {
  const digits = phone.replace(/[\s-]/g, '');
  return digits.replace(/^(\+?86)(?=1\d{10}$)/, '');
}
