import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { freePort } from '../../test/support/free-port.js';
import { onProcessExit, sleep } from '../../test/support/processes.js';

export const ROOT = resolve(import.meta.dirname, '..', '..');
/**
 * The build to run: this checkout's dist/ and web/dist/, or a copy of them named by E2E_APP_ROOT
 * (a folder with package.json, dist/, web/dist/ and node_modules), so that a rebuild of the
 * checkout during a run does not pull the files out from under the browser.
 */
const APP_ROOT = process.env.E2E_APP_ROOT ? resolve(process.env.E2E_APP_ROOT) : ROOT;
const MAIN = join(APP_ROOT, 'dist', 'src', 'main.js');
const CONSOLE = join(APP_ROOT, 'web', 'dist', 'index.html');
// About 3 s on an idle machine; much more when the CPU is shared (three apps start at once).
const READY_TIMEOUT_MS = 90_000;
const START_ATTEMPTS = 3;

export interface AppProcessOptions {
  /** Shown in errors and the log file name. */
  name: string;
  /** Unset: the real empty-install path, the app generates a password and prints it once. */
  bootstrapAdminPassword?: string;
  env?: Record<string, string>;
}

export interface AppProcess {
  readonly name: string;
  readonly url: string;
  readonly port: number;
  readonly adminEmail: string;
  /** Given, or read from the app's own start-up output. */
  readonly adminPassword: string;
  output(): string;
  stop(): Promise<void>;
}

export const ADMIN_EMAIL = 'admin@example.com';

/** Fails early, saying what to run, when the API or the console has not been built. */
export function assertBuilt(): void {
  const missing = [MAIN, CONSOLE].filter((path) => !existsSync(path));
  if (missing.length > 0) {
    throw new Error(
      `The browser tests run the built app, but ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} missing: run "npx nest build && npm run build:console" (npm test and npm run test:browser do it first)`,
    );
  }
}

/**
 * The app as an operator starts it: `node dist/src/main.js`, on a free loopback port, with its own
 * data folder and SQLite file (a fresh, empty install), removed by stop().
 */
export async function startApp(options: AppProcessOptions): Promise<AppProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), `helpdesk-e2e-${options.name}-`));
  for (let attempt = 1; ; attempt += 1) {
    const port = await freePort('127.0.0.1');
    try {
      return await launch(options, dataDir, port);
    } catch (error) {
      if (!/EADDRINUSE/.test(String(error)) || attempt >= START_ATTEMPTS) {
        rmSync(dataDir, { recursive: true, force: true });
        throw error;
      }
      rmSync(join(dataDir, 'helpdesk.sqlite'), { force: true });
    }
  }
}

async function launch(options: AppProcessOptions, dataDir: string, port: number): Promise<AppProcess> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? dataDir,
    TZ: process.env.TZ ?? 'UTC',
    PORT: String(port),
    DATA_DIR: dataDir,
    DATABASE_URL: `sqlite:${join(dataDir, 'helpdesk.sqlite')}`,
    BOOTSTRAP_ADMIN_EMAIL: ADMIN_EMAIL,
    ...(options.bootstrapAdminPassword ? { BOOTSTRAP_ADMIN_PASSWORD: options.bootstrapAdminPassword } : {}),
    ...options.env,
  };
  let output = '';
  const child = spawn(process.execPath, [MAIN], { cwd: dataDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const unregister = onProcessExit(() => {
    child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReady(child, url, () => output, options.bootstrapAdminPassword === undefined);
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    unregister();
    throw new Error(
      `the app "${options.name}" did not start: ${error instanceof Error ? error.message : String(error)}\n--- its output ---\n${output}`,
      { cause: error },
    );
  }
  const adminPassword = options.bootstrapAdminPassword ?? printedPassword(output)!;
  let stopped = false;
  return {
    name: options.name,
    url,
    port,
    adminEmail: ADMIN_EMAIL,
    adminPassword,
    output: () => output,
    async stop() {
      if (stopped) return;
      stopped = true;
      child.kill('SIGTERM');
      const escalation = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(escalation);
      rmSync(dataDir, { recursive: true, force: true });
      unregister();
    },
  };
}

/** The "Bootstrap admin created ... password: <x>" block main.ts prints once on an empty database. */
function printedPassword(output: string): string | undefined {
  return /Bootstrap admin created[\s\S]*?password:\s+(\S+)/.exec(output)?.[1];
}

async function waitUntilReady(
  child: ChildProcess,
  url: string,
  output: () => string,
  expectPassword: boolean,
): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`it exited (${child.exitCode ?? child.signalCode})`);
    if (/EADDRINUSE/.test(output())) throw new Error('EADDRINUSE');
    const healthy = await fetch(`${url}/api/health`).then(
      (res) => res.ok,
      () => false,
    );
    // The password block is written right after listen(): wait for it too.
    if (healthy && (!expectPassword || printedPassword(output()))) return;
    if (Date.now() > deadline)
      throw new Error(
        `no answer on ${url}/api/health${expectPassword ? ' or no printed bootstrap password' : ''} within ${READY_TIMEOUT_MS} ms`,
      );
    await sleep(100);
  }
}
