import { createHash } from 'node:crypto';
import type { Control } from 'ldapts';

import { LdapError } from '../ldap.error.js';
import type { LdapConnectionSettings } from '../settings/ldap-settings.types.js';
import { BindPool, type BindPoolOptions } from './bind-pool.js';
import { LdapConnection, refuseEmptyCredentials } from './ldap-connection.js';

export type VersionedConnectionSettings = LdapConnectionSettings & { version: number };

interface Slot {
  key: string;
  ready: Promise<LdapConnection>;
  connection?: LdapConnection;
  users: number;
  retired: boolean;
}

const CONNECTION_FIELDS = [
  'version',
  'host',
  'port',
  'backupServers',
  'srvDomain',
  'encryption',
  'caCertificate',
  'verifyCertificate',
  'timeoutMs',
  'bindDn',
  'bindUsername',
  'bindPassword',
] as const;

/** Identifies the settings a connection was made with; hashed so no second copy of the password stays around. */
export function settingsFingerprint(settings: VersionedConnectionSettings): string {
  const fields = CONNECTION_FIELDS.map((field) => settings[field] ?? null);
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

/** The fn failed because the connection went away (not because the server answered with an error). */
export function failedOnDroppedConnection(connection: LdapConnection, error: unknown): boolean {
  if (connection.isUsable) return false;
  // a timeout already waited timeoutMs once; waiting again on a fresh connection would double it
  return !(error instanceof LdapError) || (error.resultCode === undefined && error.code !== 'TIMEOUT');
}

/**
 * The service account's connection: opened and bound on first use, shared by concurrent callers
 * (ldapts multiplexes by message id), replaced when it dropped or the settings changed. Users'
 * passwords are checked on a small pool of connections of their own (never on this one).
 */
export class ServiceConnection {
  private slot: Slot | undefined;
  private readonly binds: BindPool;

  constructor(
    private readonly loadSettings: () => Promise<VersionedConnectionSettings>,
    bindPool: BindPoolOptions = {},
  ) {
    this.binds = new BindPool(bindPool);
  }

  /** Runs fn on the bound service connection; once more on a fresh one if the connection dropped under it. */
  async use<T>(fn: (connection: LdapConnection) => Promise<T>): Promise<T> {
    const settings = await this.loadSettings();
    for (let attempt = 1; ; attempt += 1) {
      const slot = this.slotFor(settings);
      slot.users += 1;
      try {
        const connection = await slot.ready;
        try {
          return await fn(connection);
        } catch (error) {
          if (!failedOnDroppedConnection(connection, error)) throw error;
          void this.retire(slot);
          if (attempt >= 2) throw error;
        }
      } finally {
        this.release(slot);
      }
    }
  }

  /** Checks a user's password by a bind on a pooled connection (see BindPool); throws LdapError when refused. */
  async verifyPassword(
    dn: string,
    password: string,
    settings: LdapConnectionSettings,
    controls?: Control[],
  ): Promise<void> {
    refuseEmptyCredentials(dn, password);
    // settings from LdapSettingsService.connection() carry their version, which the spread keeps
    await this.binds.bind(settingsFingerprint({ version: 0, ...settings }), settings, dn, password, controls);
  }

  /** Closes the service connection and the bind pool (at once if idle, else when their last user is done). */
  async close(): Promise<void> {
    const slot = this.slot;
    await Promise.all([slot ? this.retire(slot) : undefined, this.binds.close()]);
  }

  private slotFor(settings: VersionedConnectionSettings): Slot {
    const key = settingsFingerprint(settings);
    const current = this.slot;
    const connection = current?.connection;
    // a connection to a server marked down (or behind one back from its back-off) is replaced
    if (current && (current.key !== key || (connection && (!connection.isUsable || connection.onStaleServer))))
      void this.retire(current);
    this.slot ??= this.openSlot(key, settings);
    return this.slot;
  }

  private openSlot(key: string, settings: LdapConnectionSettings): Slot {
    const slot: Slot = { key, users: 0, retired: false, ready: openBound(settings) };
    slot.ready.then(
      (connection) => {
        slot.connection = connection;
        if (slot.retired && slot.users === 0) void connection.close();
      },
      () => {
        if (this.slot === slot) this.slot = undefined; // the next use tries again
      },
    );
    return slot;
  }

  private retire(slot: Slot): Promise<void> {
    slot.retired = true;
    if (this.slot === slot) this.slot = undefined;
    return slot.users === 0 ? closeWhenOpen(slot) : Promise.resolve();
  }

  private release(slot: Slot): void {
    slot.users -= 1;
    if (slot.retired && slot.users === 0) void closeWhenOpen(slot);
  }
}

function openBound(settings: LdapConnectionSettings): Promise<LdapConnection> {
  return LdapConnection.openBound(settings, { openSibling: () => openBound(settings) });
}

async function closeWhenOpen(slot: Slot): Promise<void> {
  const connection = await slot.ready.catch(() => undefined);
  await connection?.close();
}
