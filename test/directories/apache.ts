import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { freePort } from '../support/free-port.js';
import { requireBinary } from '../support/prerequisites.js';
import { onProcessExit, sleep } from '../support/processes.js';
import { OUS, SERVICE_ACCOUNT } from './fixtures.js';
import type { OpenLdapServer } from './openldap.js';

const HOST = '127.0.0.1';
const MODULES = '/usr/lib/apache2/modules';
const START_ATTEMPTS = 3;
const READY_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 5_000;

export interface ApacheSsoOptions {
  /** The directory Basic credentials are checked against (mod_authnz_ldap, bound as the service account). */
  ldap: OpenLdapServer;
  /** The app, on 127.0.0.1. */
  backendPort: number;
  /** Where users are searched by uid; default ou=people. */
  searchBase?: string;
  /** The identity header; default X-Remote-User. */
  header?: string;
  /** More request headers the proxy sets, e.g. a shared secret. */
  requestHeaders?: Record<string, string>;
}

export interface ApacheSsoProxy {
  /** http://127.0.0.1:port */
  readonly url: string;
  readonly port: number;
  /** The httpd.conf in use (the README shows the same). */
  readonly config: string;
  errorLog(): string;
  /** Stops httpd and removes its directory. Idempotent. */
  stop(): Promise<void>;
}

/**
 * The httpd.conf: Basic authentication against the directory, any client copy of the identity
 * header removed, the authenticated user set in its place, then a reverse proxy to the app.
 */
export function apacheSsoConfig(dir: string, port: number, options: ApacheSsoOptions): string {
  const header = options.header ?? 'X-Remote-User';
  const base = options.searchBase ?? OUS.people;
  const extra = Object.entries(options.requestHeaders ?? {}).map(
    ([name, value]) => `  RequestHeader set ${name} "${value}"`,
  );
  const backend = `http://${HOST}:${options.backendPort}/`;
  return [
    `ServerRoot "${dir}"`,
    'ServerName localhost',
    `Listen ${HOST}:${port}`,
    `PidFile "${dir}/run/httpd.pid"`,
    `DefaultRuntimeDir "${dir}/run"`,
    `ErrorLog "${dir}/error.log"`,
    'LogLevel warn authnz_ldap:info',
    // httpd refuses to serve as root: as root, its children run as www-data
    ...(process.getuid?.() === 0 ? ['User www-data', 'Group www-data'] : []),
    ...[
      'mpm_event',
      'authn_core',
      'authz_core',
      'authz_user',
      'auth_basic',
      'ldap',
      'authnz_ldap',
      'headers',
      'proxy',
      'proxy_http',
    ].map((name) => `LoadModule ${name}_module ${MODULES}/mod_${name}.so`),
    '<Location />',
    '  AuthType Basic',
    '  AuthName "Help desk"',
    '  AuthBasicProvider ldap',
    `  AuthLDAPURL "ldap://${HOST}:${options.ldap.port}/${base}?uid?sub?(objectClass=inetOrgPerson)"`,
    `  AuthLDAPBindDN "${SERVICE_ACCOUNT.dn}"`,
    `  AuthLDAPBindPassword "${SERVICE_ACCOUNT.password}"`,
    '  Require valid-user',
    // A client's own copy must never get through, nor the underscore spelling CGI-style backends conflate with it.
    `  RequestHeader unset ${header}`,
    `  RequestHeader unset ${header.replace(/-/g, '_')}`,
    // "%{REMOTE_USER}s" would give "(null)": the s tag reads mod_ssl variables.
    `  RequestHeader set ${header} "expr=%{REMOTE_USER}"`,
    ...extra,
    '  RequestHeader unset Authorization',
    `  ProxyPass "${backend}"`,
    `  ProxyPassReverse "${backend}"`,
    '</Location>',
    '',
  ].join('\n');
}

/**
 * A throwaway Apache httpd (the Debian apache2 package) on a free loopback port, in the
 * foreground so we own its pid; its own ServerRoot in a temp directory, removed by stop().
 */
export async function startApacheSso(options: ApacheSsoOptions): Promise<ApacheSsoProxy> {
  const binary = requireBinary('apache2');
  const dir = mkdtempSync(join(tmpdir(), 'helpdesk-httpd-'));
  chmodSync(dir, 0o755); // the www-data children open files under DefaultRuntimeDir
  mkdirSync(join(dir, 'run'));
  let child: ChildProcess | undefined;
  const unregister = onProcessExit(() => {
    child?.kill('SIGTERM'); // SIGTERM, not SIGKILL: the parent takes its children down with it
    rmSync(dir, { recursive: true, force: true });
  });
  const errorLog = () => readOr(join(dir, 'error.log')) + readOr(join(dir, 'console.log'));
  try {
    for (let attempt = 1; ; attempt += 1) {
      const port = await freePort(HOST);
      const config = apacheSsoConfig(dir, port, options);
      writeFileSync(join(dir, 'httpd.conf'), config);
      child = launch(binary, dir);
      try {
        await waitUntilListening(child, port, errorLog);
        return proxyHandle(dir, port, config, child, errorLog, unregister);
      } catch (error) {
        await terminate(child);
        if (!/Address already in use/.test(errorLog()) || attempt >= START_ATTEMPTS) throw error;
      }
    }
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    unregister();
    throw error;
  }
}

function launch(binary: string, dir: string): ChildProcess {
  const out = openSync(join(dir, 'console.log'), 'a');
  const child = spawn(binary, ['-f', join(dir, 'httpd.conf'), '-DFOREGROUND'], {
    stdio: ['ignore', out, out],
    env: { PATH: process.env.PATH ?? '' },
  });
  closeSync(out);
  child.unref();
  return child;
}

function proxyHandle(
  dir: string,
  port: number,
  config: string,
  child: ChildProcess,
  errorLog: () => string,
  unregister: () => void,
): ApacheSsoProxy {
  let stopped = false;
  return {
    url: `http://${HOST}:${port}`,
    port,
    config,
    errorLog,
    async stop() {
      if (stopped) return;
      stopped = true;
      await terminate(child);
      rmSync(dir, { recursive: true, force: true });
      unregister();
    },
  };
}

async function waitUntilListening(child: ChildProcess, port: number, errorLog: () => string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`httpd exited during start-up (${child.exitCode ?? child.signalCode}):\n${errorLog()}`);
    if (await accepts(port)) return;
    if (Date.now() > deadline)
      throw new Error(`httpd did not listen on ${HOST}:${port} within ${READY_TIMEOUT_MS} ms:\n${errorLog()}`);
    await sleep(20);
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: HOST, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const escalation = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(escalation);
}

function readOr(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
