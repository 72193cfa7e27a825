import type { ChildProcess } from 'node:child_process';

import { Client } from 'ldapts';

import { deleteRecord, ModRdnOptions, modRdnRecord } from './ldif.js';

/**
 * What every throwaway directory offers a test for changing its data: one way to feed it LDIF
 * (each server has its own: ldapi EXTERNAL, LDAPS as Administrator...), the rest built on it.
 */
export abstract class LdifWriter {
  protected abstract applyLdif(ldif: string, args: string[]): Promise<void>;

  ldapAdd(ldif: string): Promise<void> {
    return this.applyLdif(ldif, ['-a']);
  }

  ldapModify(ldif: string): Promise<void> {
    return this.applyLdif(ldif, []);
  }

  ldapDelete(dn: string): Promise<void> {
    return this.ldapModify(deleteRecord(dn));
  }

  modrdn(dn: string, newRdn: string, options?: ModRdnOptions): Promise<void> {
    return this.ldapModify(modRdnRecord(dn, newRdn, options));
  }
}

/** Whether the server at url answers an anonymous root DSE read yet (start-up polling). */
export async function answersRootDse(url: string, attribute: string): Promise<boolean> {
  const client = new Client({ url, connectTimeout: 500, timeout: 1_000 });
  try {
    await client.search('', { scope: 'base', attributes: [attribute] });
    return true;
  } catch {
    return false;
  } finally {
    await client.unbind().catch(() => undefined);
  }
}

/** What a test gets from any throwaway directory server (OpenLDAP, 389-ds, Samba AD). */
export interface DirectoryServer {
  /** ldap://127.0.0.1:port */
  readonly url: string;
  readonly ldapsUrl: string;
  readonly host: string;
  readonly port: number;
  readonly ldapsPort: number;
  /** The CA that signed the server certificate. */
  readonly caCertPem: string;
  readonly caCertPath: string;
  readonly baseDn: string;
  readonly rootDn: string;
  readonly rootPassword: string;
  /** The read-only account the application binds with. */
  readonly serviceDn: string;
  readonly servicePassword: string;
  /** Instance directory, removed by stop(). */
  readonly dir: string;
  readonly pid: number | undefined;
  ldapAdd(ldif: string): Promise<void>;
  ldapModify(ldif: string): Promise<void>;
  ldapDelete(dn: string): Promise<void>;
  modrdn(dn: string, newRdn: string, options?: ModRdnOptions): Promise<void>;
  stop(): Promise<void>;
}

export interface StartupWatch {
  /** The server's name in messages (slapd, ns-slapd, samba). */
  name: string;
  url: string;
  /** A root DSE attribute the server answers anonymously. */
  probeAttribute: string;
  timeoutMs: number;
  intervalMs: number;
  logTail(): string;
}

/**
 * Polls until the freshly spawned server answers on its URL; fails with its log tail when it
 * exits first or stays silent past the deadline (and is then killed).
 */
export async function waitUntilAnswering(child: ChildProcess, watch: StartupWatch): Promise<void> {
  const deadline = Date.now() + watch.timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `${watch.name} exited during start-up (${child.exitCode ?? child.signalCode}):\n${watch.logTail()}`,
      );
    }
    if (await answersRootDse(watch.url, watch.probeAttribute)) return;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${watch.name} did not answer on ${watch.url} within ${watch.timeoutMs} ms:\n${watch.logTail()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, watch.intervalMs));
  }
}
