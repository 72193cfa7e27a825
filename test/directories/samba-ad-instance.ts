import { ChildProcess, spawn } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { isAlive, onProcessExit, run, sleep } from '../support/processes.js';
import { AD_ADMIN, AD_BASE_DN, AD_DOMAIN, AD_REALM, AD_SERVICE_ACCOUNT } from './ad-fixtures.js';
import { answersRootDse, LdifWriter, waitUntilAnswering } from './directory-server.js';
import { replaceRecord } from './ldif.js';
import type { SambaAdServer } from './samba-ad.js';
import { acquireHostLock, HostLock } from './samba-ad-lock.js';
import { requireSambaBinary } from './samba-ad-prerequisites.js';
import { copyDomain, SambaAdTemplate, smbConf } from './samba-ad-template.js';

const HOST = '127.0.0.1';
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;
// Host-wide, like the ports: who may run Samba now, and which samba process a crashed run left behind.
const RUN_LOCK = join(tmpdir(), 'helpdesk-samba-ad.lock');
const PID_FILE = join(tmpdir(), 'helpdesk-samba-ad.pid');

/** One samba process on a copy of the template; see SambaAdServer for the contract. */
export class SambaAdInstance extends LdifWriter implements SambaAdServer {
  readonly host = HOST;
  readonly port = 389;
  readonly ldapsPort = 636;
  readonly url = `ldap://${HOST}:389`;
  readonly ldapsUrl = `ldaps://${HOST}:636`;
  readonly globalCatalogUrl = `ldap://${HOST}:3268`;
  readonly baseDn = AD_BASE_DN;
  readonly realm = AD_REALM;
  readonly domain = AD_DOMAIN;
  readonly rootDn = AD_ADMIN.dn;
  readonly rootPassword = AD_ADMIN.password;
  readonly serviceDn = AD_SERVICE_ACCOUNT.dn;
  readonly servicePassword = AD_SERVICE_ACCOUNT.password;
  readonly caCertPath: string;
  readonly caCertPem: string;
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private stopped = false;
  private readonly unregister: () => void;

  private constructor(
    readonly dir: string,
    readonly bulkUsers: number,
    private readonly lock: HostLock,
  ) {
    super();
    this.caCertPath = join(dir, 'certs', 'ca.crt');
    this.caCertPem = readFileSync(this.caCertPath, 'utf8');
    this.unregister = onProcessExit(() => {
      this.child?.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    });
  }

  /** Waits for the host's Samba slot, copies the template and starts it. */
  static async fromTemplate(template: SambaAdTemplate, lockTimeoutMs: number): Promise<SambaAdInstance> {
    const lock = await acquireHostLock(RUN_LOCK, lockTimeoutMs);
    let instance: SambaAdInstance | undefined;
    try {
      await killOrphan();
      await assertPortsFree();
      const dir = mkdtempSync(join(tmpdir(), 'helpdesk-samba-ad-'));
      copyDomain(template.dir, dir);
      instance = new SambaAdInstance(dir, template.bulkUsers, lock);
      await instance.launch();
      return instance;
    } catch (error) {
      if (instance) await instance.stop();
      else lock.release();
      throw error;
    }
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  private logTail(): string {
    try {
      return readFileSync(join(this.dir, 'samba.out'), 'utf8').split('\n').slice(-25).join('\n');
    } catch {
      return '';
    }
  }

  private async launch(): Promise<void> {
    const out = openSync(join(this.dir, 'samba.out'), 'a');
    // -i: foreground, logs to stdout; -M single: one process, so its pid is all there is to stop
    const child = spawn(requireSambaBinary('samba'), ['-i', '-M', 'single', '-s', smbConf(this.dir)], {
      stdio: ['ignore', out, out],
    });
    closeSync(out);
    child.unref();
    this.child = child;
    writeFileSync(PID_FILE, JSON.stringify({ pid: child.pid, dir: this.dir }));
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    void this.exited.then(() => {
      if (this.child === child) this.child = undefined;
    });
    await waitUntilAnswering(child, {
      name: 'samba',
      url: this.url,
      probeAttribute: 'dnsHostName',
      timeoutMs: READY_TIMEOUT_MS,
      intervalMs: 100,
      logTail: () => this.logTail(),
    });
  }

  protected async applyLdif(ldif: string, args: string[]): Promise<void> {
    // libldap reads the CA from the environment; the LDIF goes in as Administrator over LDAPS
    const env = { ...process.env, LDAPTLS_CACERT: this.caCertPath, LDAPTLS_REQCERT: 'demand' };
    await run(
      requireSambaBinary('ldapmodify'),
      ['-x', '-H', this.ldapsUrl, '-D', AD_ADMIN.upn, '-w', this.rootPassword, ...args],
      { input: ldif, env },
    );
  }

  setDisabled(dn: string, disabled: boolean): Promise<void> {
    return this.ldapModify(replaceRecord(dn, 'userAccountControl', [disabled ? '514' : '512']));
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    const child = this.child;
    if (child) {
      child.kill('SIGTERM');
      const escalation = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await this.exited;
      clearTimeout(escalation);
    }
    rmSync(this.dir, { recursive: true, force: true });
    rmSync(PID_FILE, { force: true });
    this.unregister();
    this.lock.release();
  }
}

/**
 * A test worker killed outright (SIGKILL, OOM) cannot stop its samba, which then holds the ports
 * for good. We hold the lock, so the samba named in the pid file, still writing to its instance
 * directory's samba.out, is such an orphan. (Samba rewrites its command line to "samba: root
 * process", so that cannot tell.)
 */
async function killOrphan(): Promise<void> {
  if (!existsSync(PID_FILE)) return;
  const { pid, dir } = JSON.parse(readFileSync(PID_FILE, 'utf8')) as { pid: number; dir: string };
  let output = '';
  try {
    output = readlinkSync(`/proc/${pid}/fd/1`);
  } catch {
    // gone already
  }
  if (output.startsWith(join(dir, 'samba.out'))) {
    process.kill(pid, 'SIGKILL');
    const deadline = Date.now() + STOP_TIMEOUT_MS;
    while (isAlive(pid) && Date.now() < deadline) await sleep(50);
    rmSync(dir, { recursive: true, force: true });
  }
  rmSync(PID_FILE, { force: true });
}

async function assertPortsFree(): Promise<void> {
  if (await answersRootDse(`ldap://${HOST}:389`, 'dnsHostName')) {
    throw new Error(
      'Something else answers LDAP on 127.0.0.1:389 (a system slapd or samba?): the Samba AD tests need ports 389, 636, 3268 and 88.',
    );
  }
}
