import { ChildProcess, spawn } from 'node:child_process';
import {
  closeSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

import { freePorts } from '../support/free-port.js';
import { onProcessExit } from '../support/processes.js';
import { require389Binary } from './389ds-prerequisites.js';
import type { Ds389Options, Ds389Server } from './389ds.js';
import { Ds389Template, instanceConfigDir, ldapiPath, ldapModifyOverLdapi } from './389ds-template.js';
import { IPA_BASE_DN, IPA_ROOT_ACCOUNT, IPA_SERVICE_ACCOUNT } from './ipa-fixtures.js';
import { LdifWriter, waitUntilAnswering } from './directory-server.js';
import { replaceRecord } from './ldif.js';

const HOST = '127.0.0.1';
const START_ATTEMPTS = 3;
const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 15_000;
// Not copied: BDB region files (rebuilt at start, ~100 MB), pid files, sockets, logs, backups of dse.ldif.
const SKIP =
  /^(__db\.\d+|.*\.pid|.*\.socket|dse\.ldif\..+|access|errors|audit|security|template\.json|ds\.inf|dscreate\.log)$/;

/** One ns-slapd process on a copy of the template; see Ds389Server for the contract. */
export class Ds389Instance extends LdifWriter implements Ds389Server {
  port = 0;
  ldapsPort = 0;
  readonly host = HOST;
  readonly baseDn = IPA_BASE_DN;
  readonly rootDn = IPA_ROOT_ACCOUNT.dn;
  readonly rootPassword = IPA_ROOT_ACCOUNT.password;
  readonly serviceDn = IPA_SERVICE_ACCOUNT.dn;
  readonly servicePassword = IPA_SERVICE_ACCOUNT.password;
  readonly caCertPath: string;
  readonly caCertPem: string;
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private removed = false;
  private readonly unregister: () => void;

  private constructor(
    readonly dir: string,
    readonly instance: string,
  ) {
    super();
    this.caCertPath = join(dir, 'certs', 'ca.crt');
    this.caCertPem = readFileSync(this.caCertPath, 'utf8');
    this.unregister = onProcessExit(() => {
      this.child?.kill('SIGKILL');
      this.removeFiles();
    });
  }

  /** Copies the template under a new host-wide instance name and starts it on free ports. */
  static async fromTemplate(template: Ds389Template, options: Ds389Options): Promise<Ds389Instance> {
    const dir = mkdtempSync(join(tmpdir(), 'helpdesk-389ds-'));
    const name = `hd${randomBytes(5).toString('hex')}`;
    copyTree(template.dir, dir, (entry) =>
      SKIP.test(entry) ? undefined : entry.replace(`slapd-${template.instance}`, `slapd-${name}`),
    );
    const instance = new Ds389Instance(dir, name);
    try {
      instance.rewriteConfig(template);
      await instance.startOnFreePorts();
      if (options.sizeLimit !== undefined)
        await instance.ldapModify(replaceRecord('cn=config', 'nsslapd-sizelimit', [String(options.sizeLimit)]));
      return instance;
    } catch (error) {
      await instance.stop();
      throw error;
    }
  }

  get url(): string {
    return `ldap://${HOST}:${this.port}`;
  }

  get ldapsUrl(): string {
    return `ldaps://${HOST}:${this.ldapsPort}`;
  }

  get ldapiUrl(): string {
    return `ldapi://${encodeURIComponent(ldapiPath(this.dir, this.instance))}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  private get dseLdif(): string {
    return join(instanceConfigDir(this.dir, this.instance), 'dse.ldif');
  }

  /** dse.ldif names absolute paths and the instance: point them at this copy. */
  private rewriteConfig(template: Ds389Template): void {
    const configDir = instanceConfigDir(this.dir, this.instance);
    for (const file of ['dse.ldif', 'pkcs11.txt']) {
      // ns-slapd folds long LDIF lines (RFC 2849), paths included: unfold before replacing
      const text = readFileSync(join(configDir, file), 'utf8').replace(/\r?\n /g, '');
      const next = text
        .split(template.dir)
        .join(this.dir)
        .split(`slapd-${template.instance}`)
        .join(`slapd-${this.instance}`);
      writeFileSync(join(configDir, file), next);
    }
    mkdirSync(join(this.dir, 'var', 'log', 'dirsrv', `slapd-${this.instance}`), { recursive: true });
  }

  private setPorts(): void {
    const text = readFileSync(this.dseLdif, 'utf8')
      .replace(/^nsslapd-port: \d+$/m, `nsslapd-port: ${this.port}`)
      .replace(/^nsslapd-securePort: \d+$/m, `nsslapd-securePort: ${this.ldapsPort}`);
    writeFileSync(this.dseLdif, text);
  }

  private async startOnFreePorts(): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      [this.port, this.ldapsPort] = await freePorts(2, HOST);
      this.setPorts();
      try {
        return await this.launch();
      } catch (error) {
        const portTaken = /address (is )?(already )?in use/i.test(this.logTail());
        if (!portTaken || attempt >= START_ATTEMPTS) throw error;
      }
    }
  }

  private logTail(): string {
    const read = (file: string): string => {
      try {
        return readFileSync(file, 'utf8');
      } catch {
        return '';
      }
    };
    const text =
      read(join(this.dir, 'ns-slapd.out')) +
      read(join(this.dir, 'var', 'log', 'dirsrv', `slapd-${this.instance}`, 'errors'));
    return text.split('\n').slice(-20).join('\n');
  }

  private async launch(): Promise<void> {
    const out = openSync(join(this.dir, 'ns-slapd.out'), 'a');
    const pidFile = join(this.dir, 'run', 'dirsrv', `slapd-${this.instance}.pid`);
    // -d 0 keeps ns-slapd in the foreground, so we own its pid
    const child = spawn(
      require389Binary('ns-slapd'),
      ['-D', instanceConfigDir(this.dir, this.instance), '-i', pidFile, '-d', '0'],
      {
        stdio: ['ignore', out, out],
      },
    );
    closeSync(out);
    child.unref();
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    void this.exited.then(() => {
      if (this.child === child) this.child = undefined;
    });
    await waitUntilAnswering(child, {
      name: 'ns-slapd',
      url: this.url,
      probeAttribute: 'vendorName',
      timeoutMs: READY_TIMEOUT_MS,
      intervalMs: 50,
      logTail: () => this.logTail(),
    });
  }

  protected applyLdif(ldif: string, args: string[]): Promise<void> {
    return ldapModifyOverLdapi(this.dir, this.instance, ldif, args);
  }

  setLocked(dn: string, locked: boolean): Promise<void> {
    return this.ldapModify(replaceRecord(dn, 'nsAccountLock', locked ? ['TRUE'] : []));
  }

  async accessLog(): Promise<string[]> {
    const text = await readFile(join(this.dir, 'var', 'log', 'dirsrv', `slapd-${this.instance}`, 'access'), 'utf8');
    return text.split('\n').filter((line) => / conn=\d+ /.test(line));
  }

  private async terminate(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child) return;
    child.kill(signal);
    const escalation = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await this.exited;
    clearTimeout(escalation);
  }

  private removeFiles(): void {
    rmSync(this.dir, { recursive: true, force: true });
    // ns-slapd's statistics semaphore lives in /dev/shm whatever the configuration says
    rmSync(`/dev/shm/sem.slapd-${this.instance}.stats`, { force: true });
  }

  async stop(): Promise<void> {
    // the data is thrown away, so a clean shutdown (about 2 s) buys nothing
    await this.terminate('SIGKILL');
    if (!this.removed) this.removeFiles();
    this.removed = true;
    this.unregister();
  }

  async restart(): Promise<void> {
    if (this.removed) throw new Error('restart() after stop(): start a new instance instead');
    await this.terminate('SIGTERM');
    await this.launch();
  }
}

/** Recursive copy where `rename` maps each entry name to its new name, or undefined to skip it. */
function copyTree(from: string, to: string, rename: (name: string) => string | undefined): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const target = rename(entry.name);
    if (target === undefined) continue;
    if (entry.isDirectory()) copyTree(join(from, entry.name), join(to, target), rename);
    else if (entry.isFile()) copyFileSync(join(from, entry.name), join(to, target));
  }
}
