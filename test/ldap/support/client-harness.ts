import { AddressInfo, createServer, Server, Socket } from 'node:net';

import type { Encryption, LdapConnectionSettings } from '../../../src/ldap/settings/ldap-settings.types.js';
import type { OpenLdapServer } from '../../directories/openldap.js';

/** Connection settings for the service account of a throwaway slapd, over the given encryption. */
export function settingsFor(
  server: OpenLdapServer,
  encryption: Encryption,
  overrides: Partial<LdapConnectionSettings> = {},
): LdapConnectionSettings {
  return {
    host: server.host,
    port: encryption === 'ssl' ? server.ldapsPort : server.port,
    backupServers: [],
    srvDomain: null,
    encryption,
    caCertificate: encryption === 'none' ? null : server.caCertPem,
    verifyCertificate: true,
    timeoutMs: 3_000,
    bindDn: server.serviceDn,
    bindUsername: null,
    bindPassword: server.servicePassword,
    ...overrides,
  };
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until check() holds; throws with the last value seen when it does not within timeoutMs. */
export async function eventually<T>(
  read: () => Promise<T>,
  check: (value: T) => boolean,
  timeoutMs = 3_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(value)}`);
    await sleep(25);
  }
}

/** Access-log lines after slapd had time to write what it was doing. */
export async function settledAccessLog(server: OpenLdapServer): Promise<string[]> {
  await sleep(150);
  return server.accessLog();
}

export interface SilentServer {
  port: number;
  /** Connections accepted and still open. */
  openSockets(): number;
  close(): Promise<void>;
}

/** A loopback TCP listener that accepts connections and never answers: a firewall that swallows packets. */
export async function startSilentServer(): Promise<SilentServer> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('data', () => undefined);
    socket.on('error', () => undefined);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0 }, resolve);
  });
  return {
    port: (server.address() as AddressInfo).port,
    openSockets: () => sockets.size,
    close: () => {
      sockets.forEach((socket) => socket.destroy());
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
