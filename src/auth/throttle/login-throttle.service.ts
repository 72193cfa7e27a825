import { createHash } from 'node:crypto';

import { type BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';

import { normalizeLogin } from '../../common/login.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { LogWriteQueue, QueueClosedError, SHUTDOWN_FLUSH_MS } from '../../logs/log-write-queue.js';
import { type AttemptRule, LoginAttemptsRepository, type Settle } from './login-attempts.repository.js';

interface Rule {
  key: string;
  limit: number;
  windowMs: number;
}

/** Attempts taken for one sign-in, to be settled when its outcome is known. */
export interface Reservation {
  /** Hashed keys whose attempt was taken. */
  readonly keys: string[];
  /** Hashed keys a success clears (the login and the directory account, not the address). */
  readonly clearedOnSuccess: string[];
  /** The account key taken with the login's on a guess (reserveLogin's `accountAhead`), until reserveAccount() names the account. */
  accountAhead?: string;
}

export type ReserveResult = { ok: true } | { ok: false; wait: number };

/**
 * Counts sign-in attempts per login, per directory account and per client address, in the
 * database so every instance sees the same numbers. An attempt is taken before any bind
 * (atomically: a burst can never make more binds than the limit), kept when the person's own
 * credentials failed, and given back when the attempt succeeded or the directory could not answer.
 */
@Injectable()
export class LoginThrottleService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(LoginThrottleService.name);
  /** The latest such settle per key it clears: a later reserve() on that key waits for it. */
  private readonly clearing = new Map<string, Promise<void>>();

  /** Settles behind answers, written one statement at a time: those that end while one is written share the next. */
  private readonly settles: LogWriteQueue<Settle>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly attempts: LoginAttemptsRepository,
  ) {
    this.settles = new LogWriteQueue<Settle>({
      writeRows: (rows) => this.attempts.settleMany(rows, new Date()),
      capacity: Number.MAX_SAFE_INTEGER, // write() only: each caller holds its own row until written
      batchSize: 500,
      retryMs: 1_000,
      onWriteFailed: () => undefined, // each settle's caller logs its own failure
      onLate: (rows) =>
        this.logger.warn(
          `${rows} sign-in throttle settle(s) came after shutdown began: not written, their counts stay until their windows end`,
        ),
    });
  }

  /** An empty reservation, for reserve() to add keys to. */
  start(): Reservation {
    return { keys: [], clearedOnSuccess: [] };
  }

  /**
   * Takes an attempt on the login and the client address; on refusal nothing stays taken.
   * @param accountAhead the directory account this login named last time (see reserveAccount), a
   * guess: its attempt is taken in the same statement, and reserveAccount() then costs no statement
   * when the search names the same account (issue 16). A guess whose key alone is full refuses
   * nothing here: the login and address are taken without it, and the account's turn comes after
   * the search, as without a guess.
   */
  async reserveLogin(
    reservation: Reservation,
    login: string,
    ip: string | undefined,
    now = new Date(),
    accountAhead?: string,
  ): Promise<ReserveResult> {
    const t = this.config.loginThrottle;
    const rules: Rule[] = [{ key: loginKey(login), limit: t.perLogin, windowMs: t.perLoginWindowSeconds * 1000 }];
    if (ip) rules.push({ key: `ip:${ip}`, limit: t.perClient, windowMs: t.perClientWindowSeconds * 1000 });
    if (accountAhead === undefined) return this.reserve(reservation, rules, now);
    const ahead = { ...this.accountRule(accountAhead), hash: '' };
    ahead.hash = hashKey(ahead.key);
    const taken = await this.reserve(reservation, [...rules, ahead], now, ahead.hash);
    if (taken.ok) reservation.accountAhead = ahead.hash;
    return taken === GUESS_FULL ? this.reserve(reservation, rules, now) : taken;
  }

  /**
   * Takes an attempt on the directory account (its DN, case-folded), so every login that names
   * the same entry (uid, mail, DOMAIN\name) shares one count with the per-login limit. No
   * statement when reserveLogin() took this account ahead; a different account taken ahead gets
   * its attempt back.
   */
  async reserveAccount(reservation: Reservation, dn: string, now = new Date()): Promise<ReserveResult> {
    const rule = this.accountRule(dn);
    const ahead = reservation.accountAhead;
    reservation.accountAhead = undefined;
    if (ahead === undefined) return this.reserve(reservation, [rule], now);
    if (ahead === hashKey(rule.key)) return { ok: true };
    const givenBack = this.giveBackAhead(reservation, ahead);
    const [taken] = await Promise.all([this.reserve(reservation, [rule], now), givenBack]);
    return taken;
  }

  /** An account taken ahead that no reserveAccount() named (the search failed, or was ambiguous): its attempt given back. */
  async releaseAccountAhead(reservation: Reservation): Promise<void> {
    const ahead = reservation.accountAhead;
    reservation.accountAhead = undefined;
    if (ahead !== undefined) await this.giveBackAhead(reservation, ahead);
  }

  /** Nothing was learnt about the person (the directory could not answer): attempts given back. */
  async giveBack(reservation: Reservation): Promise<void> {
    await this.attempts.release(reservation.keys);
  }

  /**
   * A sign-in's outcome settled behind the answer, in one statement shared with the settles that
   * end meanwhile: 'succeeded' starts the login's and the account's counts again and gives the
   * address its attempt back; 'unavailable' gives every attempt back. Returns at once (issue 16:
   * the sign-in does not wait on a statement whose result it does not need). Counts that stay
   * higher a moment longer can only refuse an attempt, never let one more through; a settle that
   * fails is logged and leaves the counts higher (more refusals, never fewer). A later reserve() on
   * this instance waits for the settle in flight on its keys, so attempts in a row see the counts
   * they saw before (and a success's clear cannot land after the next attempt on that login or
   * entry and erase it); only a success's give-back on the address, a decrement, is waited for by
   * nobody, so that one address's sign-ins do not queue behind each other. Shutdown waits for
   * every settle (SHUTDOWN_FLUSH_MS at most).
   */
  settleBehind(reservation: Reservation, outcome: 'succeeded' | 'unavailable'): void {
    const settle = {
      keys: [...reservation.keys],
      cleared: outcome === 'succeeded' ? [...reservation.clearedOnSuccess] : [],
    };
    const keys = outcome === 'succeeded' ? settle.cleared : settle.keys;
    const pending = this.settles.write([settle]).catch((error: unknown) => {
      // counted in one warning: at shutdown, or by onLate
      if (error instanceof QueueClosedError) return;
      this.logger.error(
        `settling a sign-in's throttle counts (${outcome}) failed, they stay counted until their window ends: ${error instanceof Error ? error.message : String(error)}`,
      );
    });
    for (const key of keys) this.clearing.set(key, pending);
    void pending.finally(() => {
      for (const key of keys) if (this.clearing.get(key) === pending) this.clearing.delete(key);
    });
  }

  /** Waits until every settle sent behind an answer so far is written (or failed, or refused at shutdown). */
  flush(): Promise<void> {
    return this.settles.flush();
  }

  /**
   * Before the database connection closes: the settles still on their way are written
   * (SHUTDOWN_FLUSH_MS at most); those left, and any that come later, are counted in a warning.
   */
  async beforeApplicationShutdown(): Promise<void> {
    const unwritten = (await this.settles.close(SHUTDOWN_FLUSH_MS)).length;
    if (unwritten > 0)
      this.logger.warn(
        `${unwritten} sign-in throttle settle(s) not written within ${SHUTDOWN_FLUSH_MS} ms of shutdown: their counts stay until their windows end`,
      );
  }

  private accountRule(dn: string): Rule {
    const t = this.config.loginThrottle;
    return { key: `dn:${dn.trim().toLowerCase()}`, limit: t.perLogin, windowMs: t.perLoginWindowSeconds * 1000 };
  }

  /** Out of the reservation at once, then given back; a failure leaves the count higher (more refusals, never fewer). */
  private giveBackAhead(reservation: Reservation, hash: string): Promise<void> {
    for (const list of [reservation.keys, reservation.clearedOnSuccess]) {
      const at = list.indexOf(hash);
      if (at >= 0) list.splice(at, 1);
    }
    return this.attempts
      .release([hash])
      .catch((error: unknown) =>
        this.logger.error(
          `giving back an attempt taken ahead on an account the search did not name failed, it stays counted until its window ends: ${error instanceof Error ? error.message : String(error)}`,
        ),
      );
  }

  /**
   * One statement for all of this call's keys; on a refusal none of them stays taken, nor do
   * earlier ones. When `guess` is the only full key, GUESS_FULL: nothing taken, earlier keys kept.
   */
  private async reserve(reservation: Reservation, rules: Rule[], now: Date, guess?: string): Promise<ReserveResult> {
    const hashed = rules.map((rule) => ({ ...rule, hash: hashKey(rule.key) }));
    const clears = hashed.map((r) => this.clearing.get(r.hash)).filter((p) => p !== undefined);
    if (clears.length > 0) await Promise.all(clears);
    const attemptRules: AttemptRule[] = hashed.map((r) => ({
      keyHash: r.hash,
      limit: r.limit,
      windowStartsAfter: new Date(now.getTime() - r.windowMs),
    }));
    const reserved = await this.attempts.reserve(attemptRules, now);
    if (!reserved.taken && guess !== undefined && reserved.full.length === 1 && reserved.full[0] === guess)
      return GUESS_FULL;
    if (!reserved.taken) {
      await this.giveBack(reservation);
      reservation.keys.length = 0;
      reservation.clearedOnSuccess.length = 0;
      return {
        ok: false,
        wait: await this.waitFor(
          hashed.filter((r) => reserved.full.includes(r.hash)),
          now,
        ),
      };
    }
    for (const rule of hashed) {
      reservation.keys.push(rule.hash);
      if (!rule.key.startsWith('ip:')) reservation.clearedOnSuccess.push(rule.hash);
    }
    return { ok: true };
  }

  /** Seconds until the last of the full keys' windows ends (at least 1). */
  private async waitFor(full: (Rule & { hash: string })[], now: Date): Promise<number> {
    const rows = await this.attempts.getMany(full.map((r) => r.hash));
    const ends = full.map((rule) => {
      const row = rows.find((r) => r.keyHash === rule.hash);
      return (row?.windowStart.getTime() ?? now.getTime()) + rule.windowMs;
    });
    return Math.max(1, Math.ceil((Math.max(...ends) - now.getTime()) / 1000));
  }
}

/** reserve()'s answer when only the guessed account's key was full (see reserveLogin); told apart by identity. */
const GUESS_FULL: ReserveResult = Object.freeze({ ok: false, wait: 0 });

function loginKey(login: string): string {
  return `login:${normalizeLogin(login)}`;
}

/** Keys are hashed: the table never lists who tried to sign in. */
function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
