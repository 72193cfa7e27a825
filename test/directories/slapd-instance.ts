import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { freePorts } from '../support/free-port.js';
import { requireBinary } from '../support/prerequisites.js';
import { onProcessExit, run, sleep } from '../support/processes.js';
import { establishedConnections } from '../support/tcp.js';
import {
  ALL_FIXTURE_USERS,
  BASE_DN,
  FIXTURE_LDIF,
  PERMANENTLY_LOCKED,
  ROOT_ACCOUNT,
  SERVICE_ACCOUNT,
} from './fixtures.js';
import { LdifWriter, waitUntilAnswering } from './directory-server.js';
import { replaceRecord } from './ldif.js';
import type { OpenLdapOptions, OpenLdapServer, TlsMode } from './openldap.js';
import { slapdConfigLdif } from './openldap-config.js';
import { ServerCertificate } from './tls.js';

const HOST = '127.0.0.1';
const START_ATTEMPTS = 3;
const READY_TIMEOUT_MS = 15_000;
const STOP_TIMEOUT_MS = 2_000;
const SIMPLE_BIND = /\bBIND dn="(.*)" method=128\b/;

/** One slapd process and its directory; see OpenLdapServer for the contract. */
export class SlapdInstance extends LdifWriter implements OpenLdapServer {
  port = 0;
  ldapsPort = 0;
  readonly host = HOST;
  readonly baseDn = BASE_DN;
  readonly rootDn = ROOT_ACCOUNT.dn;
  readonly rootPassword = ROOT_ACCOUNT.password;
  readonly serviceDn = SERVICE_ACCOUNT.dn;
  readonly servicePassword = SERVICE_ACCOUNT.password;
  readonly ldapiUrl: string;
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private removed = false;
  private readonly unregister: () => void;

  constructor(
    readonly dir: string,
    readonly tls: TlsMode,
    readonly caCertPath: string,
    readonly caCertPem: string,
  ) {
    super();
    this.ldapiUrl = `ldapi://${encodeURIComponent(join(dir, 'ldapi'))}`;
    this.unregister = onProcessExit(() => {
      this.child?.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    });
  }

  get url(): string {
    return `ldap://${HOST}:${this.port}`;
  }

  get ldapsUrl(): string {
    return `ldaps://${HOST}:${this.ldapsPort}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  async configure(options: OpenLdapOptions, certificate: ServerCertificate | undefined): Promise<void> {
    const config = join(this.dir, 'config.ldif');
    mkdirSync(join(this.dir, 'slapd.d'));
    mkdirSync(join(this.dir, 'data'));
    writeFileSync(
      config,
      slapdConfigLdif({
        dir: this.dir,
        baseDn: this.baseDn,
        rootDn: this.rootDn,
        rootPassword: this.rootPassword,
        sizeLimit: options.sizeLimit ?? 500,
        pageSizeLimit: options.pageSizeLimit,
        contextCsn: options.contextCsn !== false,
        indexModifyTimestamp: options.indexModifyTimestamp === true,
        tls: certificate && { caPath: this.caCertPath, server: certificate },
      }),
    );
    await this.slapadd(['-n0', '-l', config]);
    if (options.bulkLdif) {
      await this.slapadd(['-q', '-b', this.baseDn, '-l', FIXTURE_LDIF.suffix]);
      await this.slapadd(['-q', '-b', this.baseDn, '-l', options.bulkLdif]);
    }
  }

  private async slapadd(args: string[]): Promise<void> {
    await run(requireBinary('slapadd'), ['-F', join(this.dir, 'slapd.d'), ...args]);
  }

  /** Starts slapd on fresh ports, retrying when another process grabbed one of them meanwhile. */
  async startOnFreePorts(): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      [this.port, this.ldapsPort] = await freePorts(2, HOST);
      try {
        return await this.launch();
      } catch (error) {
        const portTaken = /Address already in use/.test(this.logTail());
        if (!portTaken || attempt >= START_ATTEMPTS) throw error;
      }
    }
  }

  private logTail(): string {
    try {
      return readFileSync(join(this.dir, 'slapd.log'), 'utf8').split('\n').slice(-20).join('\n');
    } catch {
      return '';
    }
  }

  private async launch(): Promise<void> {
    rmSync(join(this.dir, 'ldapi'), { force: true });
    const listeners = [`ldap://${HOST}:${this.port}/`, this.ldapiUrl];
    if (this.tls !== 'none') listeners.push(`ldaps://${HOST}:${this.ldapsPort}/`);
    const log = openSync(join(this.dir, 'slapd.log'), 'a');
    // -d keeps slapd in the foreground (we own the pid); level 256 = stats, written to stderr
    const child = spawn(
      requireBinary('slapd'),
      ['-d', '256', '-F', join(this.dir, 'slapd.d'), '-h', listeners.join(' ')],
      {
        stdio: ['ignore', log, log],
      },
    );
    closeSync(log);
    child.unref(); // a forgotten instance must not keep the test worker alive; onProcessExit kills it
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    void this.exited.then(() => {
      if (this.child === child) this.child = undefined;
    });
    await waitUntilAnswering(child, {
      name: 'slapd',
      url: this.url,
      probeAttribute: 'namingContexts',
      timeoutMs: READY_TIMEOUT_MS,
      intervalMs: 20,
      logTail: () => this.logTail(),
    });
  }

  async seed(full: boolean, bulkLoaded: boolean): Promise<void> {
    const files = [
      ...(bulkLoaded ? [] : [FIXTURE_LDIF.suffix]),
      FIXTURE_LDIF.skeleton,
      ...(full ? [FIXTURE_LDIF.users, FIXTURE_LDIF.groups] : []),
    ];
    const locks = full ? ALL_FIXTURE_USERS.filter((user) => user.locked) : [];
    const ldif = [
      ...files.map((file) => readFileSync(file, 'utf8')),
      ...locks.map((user) => replaceRecord(user.dn, 'pwdAccountLockedTime', [PERMANENTLY_LOCKED])),
    ];
    await this.ldapAdd(ldif.join('\n'));
  }

  protected async applyLdif(ldif: string, args: string[]): Promise<void> {
    // LDAPNOINIT: ignore /etc/ldap/ldap.conf and ~/.ldaprc
    const env = { ...process.env, LDAPNOINIT: '1' };
    await run(requireBinary('ldapmodify'), ['-Q', '-Y', 'EXTERNAL', '-H', this.ldapiUrl, ...args], {
      input: ldif,
      env,
    });
  }

  setLocked(dn: string, locked: boolean): Promise<void> {
    return this.ldapModify(replaceRecord(dn, 'pwdAccountLockedTime', locked ? [PERMANENTLY_LOCKED] : []));
  }

  connectionCount(): Promise<number> {
    return establishedConnections([this.port, this.ldapsPort]);
  }

  async accessLog(): Promise<string[]> {
    const text = await readFile(join(this.dir, 'slapd.log'), 'utf8');
    return text.split('\n').filter((line) => / conn=\d+ /.test(line));
  }

  async bindCount(dn?: string): Promise<number> {
    const binds = (await this.accessLog())
      .map((line) => SIMPLE_BIND.exec(line)?.[1])
      .filter((bound) => bound !== undefined);
    return dn === undefined ? binds.length : binds.filter((bound) => bound.toLowerCase() === dn.toLowerCase()).length;
  }

  private async terminate(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child) return;
    child.kill('SIGCONT'); // a paused slapd would not act on SIGTERM
    child.kill(signal);
    const escalation = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await this.exited;
    clearTimeout(escalation);
  }

  async stop(): Promise<void> {
    await this.terminate('SIGTERM');
    if (!this.removed) rmSync(this.dir, { recursive: true, force: true });
    this.removed = true;
    this.unregister();
  }

  kill(): Promise<void> {
    return this.terminate('SIGKILL');
  }

  async restart(): Promise<void> {
    if (this.removed) throw new Error('restart() after stop(): start a new instance instead');
    await this.terminate('SIGTERM');
    await this.launch();
  }

  /** SIGSTOP, and wait until the kernel reports it stopped, so no request slips through after. */
  async pause(): Promise<void> {
    const pid = this.child?.pid;
    if (!pid || !this.child?.kill('SIGSTOP')) return;
    for (let i = 0; i < 200 && !isStopped(pid); i += 1) await sleep(5);
  }

  resume(): void {
    this.child?.kill('SIGCONT');
  }
}

function isStopped(pid: number): boolean {
  try {
    // /proc/<pid>/stat: "pid (comm) state ..."; T is stopped by a signal.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('T');
  } catch {
    return true;
  }
}
