/**
 * Runs once per jest run, before the workers are forked (they inherit process.env): fails on a
 * missing server binary, starts the run's MariaDB.
 *
 * Jest hands this file's compiled code to Node's own ESM loader ("type": "module"), which cannot
 * load our other .ts files: it may import node: built-ins and npm packages only. So the binary
 * check and the MariaDB launcher live here, and prerequisites.ts and mariadb.ts re-export them.
 */
import { ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, closeSync, constants, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import type { RowDataPacket } from 'mysql2';
import { createConnection } from 'mysql2/promise';

export const INSTALL_COMMAND =
  'apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ' +
  'slapd ldap-utils mariadb-server openssl apache2 ' +
  '389-ds-base samba samba-ad-dc samba-dsdb-modules samba-ad-provision krb5-user';
/** `a|b`: either binary will do (MariaDB renamed its binaries; Debian ships both names). */
export const LDAP_BINARIES: readonly string[] = ['slapd', 'slapadd', 'ldapsearch', 'ldapmodify', 'openssl'];
export const MARIADB_BINARIES: readonly string[] = ['mariadbd|mysqld', 'mariadb-install-db|mysql_install_db'];
/** Apache (SSO), 389 Directory Server (FreeIPA) and Samba AD DC, for the SSO and compatibility suites. */
export const OTHER_SERVER_BINARIES: readonly string[] = [
  'apache2',
  'ns-slapd',
  'dscreate',
  'dsctl',
  'samba',
  'samba-tool',
  'flock',
];
export const SERVER_BINARIES: readonly string[] = [...LDAP_BINARIES, ...MARIADB_BINARIES, ...OTHER_SERVER_BINARIES];

/** Environment handed to the workers: the run's MariaDB server and its database name prefix. */
export const MYSQL_URL_ENV = 'TEST_MYSQL_URL';
export const DATABASE_PREFIX_ENV = 'TEST_DATABASE_PREFIX';
export const MARIADB_HANDLE = Symbol.for('helpdesk-ldap.test.mariadb');
export type GlobalWithMariaDb = typeof globalThis & { [MARIADB_HANDLE]?: MariaDbServer };

// slapd, slapadd and mariadbd live in /usr/sbin, which a non-root PATH often lacks.
const SBIN_DIRS = ['/usr/local/sbin', '/usr/sbin', '/sbin'];

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Absolute path of a binary (or of the first available of `a|b`), or undefined. */
export function findBinary(name: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), ...SBIN_DIRS];
  for (const alternative of name.split('|')) {
    const hit = dirs.map((dir) => join(dir, alternative)).find(isExecutable);
    if (hit) return hit;
  }
  return undefined;
}

/** Fails (never skips) when a server binary is missing, naming it and the install command. */
export function assertPrerequisites(bins: readonly string[] = SERVER_BINARIES): void {
  const missing = bins.filter((name) => !findBinary(name));
  if (missing.length === 0) return;
  throw new Error(
    `Integration tests need real servers, but these programs are missing: ${missing.join(', ')}.\n` +
      `Install them with:\n  ${INSTALL_COMMAND}`,
  );
}

export interface MariaDbServer {
  /** mysql://root:<password>@127.0.0.1:<port>/ (no database). */
  url: string;
  /** False when MYSQL_URL named a server we did not start. */
  owned: boolean;
  /** Stops a server we started; on a MYSQL_URL server, drops the databases this run created. */
  stop(): Promise<void>;
}

const ROOT_PASSWORD = 'helpdesk-test';
// Small and unsafe on purpose: a throwaway server, deleted at the end of the run.
const LIGHT_OPTIONS = [
  '--no-defaults',
  '--user=root',
  '--skip-name-resolve',
  '--skip-log-bin',
  '--innodb-buffer-pool-size=32M',
  '--innodb-log-file-size=16M',
  '--innodb-flush-log-at-trx-commit=0',
  '--innodb-doublewrite=0',
  '--character-set-server=utf8mb4',
  '--collation-server=utf8mb4_unicode_ci',
];

async function freeLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const exitedOrFailed = (child: ChildProcess): boolean => child.exitCode !== null || child.signalCode !== null;

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-15).join('\n');
  } catch {
    return '';
  }
}

async function waitUntilReady(child: ChildProcess, socketPath: string, errorLog: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exitedOrFailed(child)) throw new Error(`mariadbd exited during start-up:\n${tail(errorLog)}`);
    try {
      // root@localhost on the socket has no password yet (--auth-root-authentication-method=normal)
      const connection = await createConnection({ socketPath, user: 'root' });
      for (const host of ['127.0.0.1', '::1'])
        await connection.query(`ALTER USER root@'${host}' IDENTIFIED BY '${ROOT_PASSWORD}'`);
      await connection.end();
      return;
    } catch (error) {
      if (Date.now() > deadline)
        throw new Error(`mariadbd did not answer within 30 s: ${String(error)}\n${tail(errorLog)}`, { cause: error });
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** mariadbd ignores SIGINT and SIGHUP: a Ctrl-C of jest would leave it running without this. */
function onExitOrSignal(cleanup: () => void): () => void {
  const onSignal = (signal: NodeJS.Signals): void => {
    unregister();
    cleanup();
    process.kill(process.pid, signal);
  };
  const unregister = (): void => {
    process.removeListener('exit', cleanup);
    SIGNALS.forEach((signal) => process.removeListener(signal, onSignal));
  };
  process.once('exit', cleanup);
  SIGNALS.forEach((signal) => process.once(signal, onSignal));
  return unregister;
}

/** A throwaway MariaDB on a free loopback port, its data in a temp directory; about a second to start. */
export async function startMariaDb(): Promise<MariaDbServer> {
  const dir = mkdtempSync(join(tmpdir(), 'helpdesk-mariadb-'));
  const datadir = join(dir, 'data');
  const socketPath = join(dir, 'mysqld.sock');
  let child: ChildProcess | undefined;
  const unregister = onExitOrSignal(() => {
    child?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });
  const stop = async (): Promise<void> => {
    if (child && !exitedOrFailed(child)) {
      const running = child;
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.kill('SIGTERM');
      const escalation = setTimeout(() => running.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(escalation);
    }
    rmSync(dir, { recursive: true, force: true });
    unregister();
  };
  try {
    const installDb = findBinary('mariadb-install-db|mysql_install_db') ?? 'mariadb-install-db';
    await promisify(execFile)(installDb, [
      ...LIGHT_OPTIONS,
      `--datadir=${datadir}`,
      '--auth-root-authentication-method=normal',
      '--skip-test-db',
    ]);
    const port = await freeLoopbackPort();
    const out = openSync(join(dir, 'mariadbd.out'), 'a');
    child = spawn(
      findBinary('mariadbd|mysqld') ?? 'mariadbd',
      [
        ...LIGHT_OPTIONS,
        `--datadir=${datadir}`,
        `--socket=${socketPath}`,
        `--port=${port}`,
        '--bind-address=127.0.0.1',
        `--pid-file=${join(dir, 'mariadbd.pid')}`,
        `--log-error=${join(dir, 'error.log')}`,
        `--tmpdir=${dir}`,
      ],
      { stdio: ['ignore', out, out] },
    );
    closeSync(out);
    child.unref();
    await waitUntilReady(child, socketPath, join(dir, 'error.log'));
    return { url: `mysql://root:${ROOT_PASSWORD}@127.0.0.1:${port}/`, owned: true, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function connectionOptions(baseUrl: string): { host: string; port: number; user: string; password: string } {
  const url = new URL(baseUrl);
  const [user, password] = [url.username, url.password].map(decodeURIComponent);
  return { host: url.hostname, port: Number(url.port || 3306), user, password };
}

/** Drops every database whose name starts with prefix. */
export async function dropDatabases(baseUrl: string, prefix: string): Promise<void> {
  const connection = await createConnection(connectionOptions(baseUrl));
  try {
    const [rows] = await connection.query<RowDataPacket[]>(
      'SELECT schema_name AS name FROM information_schema.schemata',
    );
    const names = rows.map((row) => String(row.name)).filter((name) => name.startsWith(prefix));
    for (const name of names) await connection.query(`DROP DATABASE \`${name}\``);
  } finally {
    await connection.end();
  }
}

/** The server named by MYSQL_URL if set (left running; this run's databases dropped), else a throwaway one. */
export async function acquireMariaDb(externalUrl = process.env.MYSQL_URL, prefix = ''): Promise<MariaDbServer> {
  if (!externalUrl) return startMariaDb();
  return {
    url: externalUrl,
    owned: false,
    stop: () => (prefix ? dropDatabases(externalUrl, prefix) : Promise.resolve()),
  };
}

export default async function globalSetup(): Promise<void> {
  assertPrerequisites(process.env.MYSQL_URL ? [...LDAP_BINARIES, ...OTHER_SERVER_BINARIES] : SERVER_BINARIES);
  const prefix = `hdt_${randomBytes(3).toString('hex')}_`;
  const server = await acquireMariaDb(process.env.MYSQL_URL, prefix);
  (globalThis as GlobalWithMariaDb)[MARIADB_HANDLE] = server;
  process.env[MYSQL_URL_ENV] = server.url;
  process.env[DATABASE_PREFIX_ENV] = prefix;
}
