import { LdapError } from '../ldap.error.js';
import type { LdapConnectionSettings } from '../settings/ldap-settings.types.js';
import { isServerDown, type ServerHealth, serverHealth } from './server-health.js';
import { listServers } from './server-list.js';

/** "host:port", the key of a server in ServerHealth and its metrics label. */
export function serverKey(server: { host: string; port: number }): string {
  return `${server.host}:${server.port}`;
}

/** Connects to one server (the settings with its host and port); `ahead` are the servers listed before it. */
export type ServerAttempt<T> = (settings: LdapConnectionSettings, ahead: readonly string[]) => Promise<T>;

/**
 * Runs attempt on the first usable server of listServers(settings), in list order: servers marked
 * down are skipped until their back-off ends. A server whose attempt fails with a server fault
 * (isServerFault) is marked down and the next one is tried; when none is left, the servers skipped
 * are tried too (a directory wholly down is noticed as back at once), and the error thrown is that
 * of the first server tried. Any other error (a request or settings problem, the same on every
 * server) is thrown at once. Throws UNREACHABLE when no server is configured.
 */
export async function onHealthyServer<T>(
  settings: LdapConnectionSettings,
  attempt: ServerAttempt<T>,
  health: ServerHealth = serverHealth,
): Promise<T> {
  const listed = await listServers(settings);
  const servers = listed.map(serverKey);
  if (listed.length === 0) {
    throw new LdapError('UNREACHABLE', 'no directory server is configured', {
      detail: 'set the host, backup servers or SRV domain',
    });
  }
  const errors: { index: number; error: unknown }[] = [];
  const skipped: number[] = [];
  const tryServer = async (index: number): Promise<{ value: T } | undefined> => {
    const key = servers[index];
    try {
      const value = await attempt(
        { ...settings, host: listed[index].host, port: listed[index].port },
        servers.slice(0, index),
      );
      health.succeeded(key);
      return { value };
    } catch (error) {
      if (!isServerFault(error)) {
        health.unclaim(key);
        throw error;
      }
      health.failed(key, error);
      errors.push({ index, error });
      return undefined;
    }
  };
  for (let index = 0; index < servers.length; index += 1) {
    if (!health.claim(servers[index])) {
      skipped.push(index);
      continue;
    }
    const done = await tryServer(index);
    if (done) return done.value;
  }
  for (const index of skipped) {
    const done = await tryServer(index);
    if (done) return done.value;
  }
  throw errors.sort((a, b) => a.index - b.index)[0].error;
}

/**
 * The server failed us rather than the request: it did not answer, the connection was lost or
 * refused by LDAP_ALLOWED_TARGETS, or it answered the service bind (or StartTLS) with an error.
 * Errors made before anything was sent (an empty password, bad bind settings) are not.
 */
export function isServerFault(error: unknown): boolean {
  return (
    error instanceof LdapError &&
    (isServerDown(error) || error.code === 'TARGET_REFUSED' || error.resultCode !== undefined)
  );
}
