import { Socket } from 'node:net';

import { toLdapError } from '../ldap.error.js';
import type { AllowedTarget } from '../target-guard.js';

/**
 * A bare TCP connect to a target resolveAllowedTarget allowed (to its checked addresses only), so
 * "refused" and "timeout" are told apart from TLS and LDAP trouble.
 */
export function tcpConnect(host: string, port: number, target: AllowedTarget, timeoutMs: number): Promise<void> {
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
    socket.connect({ host, port, lookup: target.lookup }, () => done());
  });
}
