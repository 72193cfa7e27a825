import type { Control } from 'ldapts';

import { LdapError } from '../ldap.error.js';
import type { LdapConnectionSettings } from '../settings/ldap-settings.types.js';
import { bindPoolConnections } from '../../metrics/instruments.js';
import { effectiveTimeout, LdapConnection, refuseEmptyCredentials } from './ldap-connection.js';

export interface BindPoolOptions {
  /** Most connections open at once per settings; callers beyond it wait for one to come back. */
  maxSize?: number;
  /** An idle connection is closed after this long. */
  idleMs?: number;
}

export const BIND_POOL_MAX_SIZE = 8;
// Well below the idle limits servers and firewalls apply (AD MaxConnIdleTime is 900 s).
export const BIND_POOL_IDLE_MS = 30_000;

interface Waiter {
  /** A connection handed over, or undefined: room was made to open one. */
  resolve: (connection: LdapConnection | undefined) => void;
  timer: NodeJS.Timeout;
}

interface Generation {
  key: string;
  settings: LdapConnectionSettings;
  idle: { connection: LdapConnection; timer: NodeJS.Timeout }[];
  waiters: Waiter[];
  /** Connections open or opening, idle ones included. */
  open: number;
  retired: boolean;
}

/**
 * Connections that check users' passwords, bound again for every attempt (a bind replaces the
 * connection's identity, RFC 4511 §4.2.1), so a sign-in does not pay for a TCP and TLS handshake.
 * One bind at a time per connection. A connection the server answered on is kept, a refused bind
 * included; one that failed at the socket level or timed out is dropped, and so is one whose server
 * was marked down (see LdapConnection.onStaleServer). All connections made with other settings
 * (another key) are replaced.
 */
export class BindPool {
  private current: Generation | undefined;
  private readonly maxSize: number;
  private readonly idleMs: number;

  constructor(options: BindPoolOptions = {}) {
    this.maxSize = Math.max(1, options.maxSize ?? BIND_POOL_MAX_SIZE);
    this.idleMs = options.idleMs ?? BIND_POOL_IDLE_MS;
  }

  /** Binds as dn with password on a pooled connection; throws the LdapError of a refused bind. */
  async bind(
    key: string,
    settings: LdapConnectionSettings,
    dn: string,
    password: string,
    controls?: Control[],
  ): Promise<void> {
    refuseEmptyCredentials(dn, password);
    const generation = this.generationFor(key, settings);
    for (let attempt = 1; ; attempt += 1) {
      const { connection, reused } = await this.acquire(generation);
      try {
        await connection.bind(dn, password, controls);
        this.release(generation, connection, true);
        return;
      } catch (error) {
        const answered = connection.isUsable && error instanceof LdapError && error.resultCode !== undefined;
        this.release(generation, connection, answered);
        // an idle connection the server had closed meanwhile: once more on a fresh one (not after a timeout, which already waited)
        const dropped = !answered && !(error instanceof LdapError && error.code === 'TIMEOUT');
        if (!reused || !dropped || attempt >= 2) throw error;
      }
    }
  }

  /** Closes the idle connections now and the busy ones when their bind is done. */
  async close(): Promise<void> {
    const generation = this.current;
    this.current = undefined;
    if (generation) await this.retire(generation);
  }

  private generationFor(key: string, settings: LdapConnectionSettings): Generation {
    if (this.current && this.current.key !== key) void this.retire(this.current);
    if (!this.current || this.current.key !== key) {
      this.current = { key, settings, idle: [], waiters: [], open: 0, retired: false };
    }
    return this.current;
  }

  private async acquire(generation: Generation): Promise<{ connection: LdapConnection; reused: boolean }> {
    for (;;) {
      const idle = generation.idle.pop();
      if (idle) {
        clearTimeout(idle.timer);
        if (idle.connection.isUsable && !idle.connection.onStaleServer)
          return { connection: idle.connection, reused: true };
        this.discard(generation, idle.connection);
        continue;
      }
      if (generation.open < this.maxSize) return { connection: await this.openIn(generation), reused: false };
      const handed = await this.waitFor(generation);
      if (handed?.onStaleServer) this.discard(generation, handed);
      else if (handed) return { connection: handed, reused: true };
    }
  }

  private async openIn(generation: Generation): Promise<LdapConnection> {
    generation.open += 1;
    bindPoolConnections.inc();
    try {
      return await LdapConnection.open(generation.settings);
    } catch (error) {
      generation.open -= 1;
      bindPoolConnections.dec();
      this.wakeOne(generation);
      throw error;
    }
  }

  private waitFor(generation: Generation): Promise<LdapConnection | undefined> {
    const timeoutMs = effectiveTimeout(generation.settings.timeoutMs);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        resolve: (connection) => {
          clearTimeout(waiter.timer);
          resolve(connection);
        },
        timer: setTimeout(() => {
          generation.waiters.splice(generation.waiters.indexOf(waiter), 1);
          reject(
            new LdapError('TIMEOUT', 'the directory server did not answer in time', {
              detail: `all ${this.maxSize} bind connections stayed busy for ${timeoutMs} ms`,
            }),
          );
        }, timeoutMs),
      };
      generation.waiters.push(waiter);
    });
  }

  private release(generation: Generation, connection: LdapConnection, keep: boolean): void {
    if (!keep || generation.retired || !connection.isUsable || connection.onStaleServer)
      return this.discard(generation, connection);
    const waiter = generation.waiters.shift();
    if (waiter) return waiter.resolve(connection);
    const timer = setTimeout(() => this.expire(generation, connection), this.idleMs);
    timer.unref();
    generation.idle.push({ connection, timer });
  }

  private expire(generation: Generation, connection: LdapConnection): void {
    const index = generation.idle.findIndex((idle) => idle.connection === connection);
    if (index < 0) return;
    generation.idle.splice(index, 1);
    this.discard(generation, connection);
  }

  private discard(generation: Generation, connection: LdapConnection): void {
    generation.open -= 1;
    bindPoolConnections.dec();
    void connection.close();
    this.wakeOne(generation);
  }

  private wakeOne(generation: Generation): void {
    generation.waiters.shift()?.resolve(undefined);
  }

  private async retire(generation: Generation): Promise<void> {
    generation.retired = true;
    if (this.current === generation) this.current = undefined;
    const idle = generation.idle.splice(0);
    idle.forEach(({ timer }) => clearTimeout(timer));
    generation.open -= idle.length;
    bindPoolConnections.dec(idle.length);
    // waiters open connections of their own, closed when their bind is done
    generation.waiters.splice(0).forEach((waiter) => waiter.resolve(undefined));
    await Promise.all(idle.map(({ connection }) => connection.close()));
  }
}
