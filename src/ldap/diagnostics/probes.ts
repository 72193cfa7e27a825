import { lookup } from 'node:dns/promises';
import { isIP, Socket } from 'node:net';

import { LdapError, toLdapError } from '../ldap.error.js';

/** Resolves the host name (an IP address answers itself). */
export async function resolveHost(host: string, timeoutMs: number): Promise<string[]> {
  if (isIP(host)) return [host];
  const result = await withTimeout(lookup(host, { all: true }), timeoutMs, `DNS lookup of ${host}`);
  if (result.length === 0)
    throw new LdapError('DNS', `${host} has no address`, { detail: `DNS lookup of "${host}" returned no address` });
  return result.map((r) => r.address);
}

/** A bare TCP connect, so "refused" and "timeout" are told apart from TLS and LDAP trouble. */
export function tcpConnect(host: string, port: number, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = new Socket();
    const done = (error?: unknown) => {
      socket.destroy();
      if (error) reject(toLdapError(error));
      else resolve();
    };
    socket.setTimeout(timeoutMs, () =>
      done(Object.assign(new Error(`connect ETIMEDOUT ${host}:${port}`), { code: 'ETIMEDOUT' })),
    );
    socket.once('error', done);
    socket.connect(port, host, () => done());
  });
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new LdapError('TIMEOUT', `${what} took longer than ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } catch (error) {
    throw toLdapError(error);
  } finally {
    clearTimeout(timer);
  }
}
