import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { SchedulerRegistry } from '@nestjs/schedule';
import { DataSource } from 'typeorm';

import { openCliContext } from '../../src/cli/cli-context.js';
import { loadConfig } from '../../src/config/load-config.js';
import { dataSourceOptions } from '../../src/database/data-source-options.js';
import { SyncScheduler } from '../../src/sync/sync.scheduler.js';
import { ALL_FIXTURE_USERS, OUS, SERVICE_ACCOUNT } from '../directories/fixtures.js';
import { startOpenLdap } from '../directories/openldap.js';
import { eventually } from '../ldap/support/client-harness.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, TestApp } from '../support/app.js';
import { testDatabases } from '../support/databases.js';

const ROOT = resolve(import.meta.dirname, '../..');
const CLI = join(ROOT, 'dist', 'src', 'cli', 'main.js');

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * How long a CLI run may take before the harness gives up on it. Generous (a command takes a few
 * seconds): it is not a measure of speed but the point where a process that cannot end by itself
 * (a timer or socket left open keeps Node alive) is killed and the run fails, saying so.
 */
const ENDS_WITHIN_MS = 45_000;

/** The built CLI as `npm run cli -- <args>` runs it (npm test builds first), in a scratch folder; rejects if it does not end by itself. */
function runCli(env: Record<string, string>, ...args: string[]): Promise<CliRun> {
  return runCliAt(CLI, env, args);
}

/** runCli for the CLI at `main`. */
function runCliAt(main: string, env: Record<string, string>, args: string[]): Promise<CliRun> {
  if (!existsSync(main))
    throw new Error(`${main} is missing: run the suite with npm test, which builds first (or npm run build)`);
  return new Promise((done, reject) => {
    const child = spawn(process.execPath, [main, ...args], {
      cwd: mkdtempSync(join(tmpdir(), 'hd-cli-')),
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.once('error', reject);
    const deadline = setTimeout(() => child.kill('SIGKILL'), ENDS_WITHIN_MS);
    child.once('close', (code, signal) => {
      clearTimeout(deadline);
      if (signal === null) done({ code, stdout, stderr });
      else
        reject(
          new Error(
            `npm run cli -- ${args.join(' ')} did not end by itself (killed with ${signal} after ${ENDS_WITHIN_MS / 1000} s); it printed ${JSON.stringify({ stdout, stderr })}`,
          ),
        );
    });
  });
}

/**
 * A copy of this checkout's server build (package.json and dist/, node_modules linked) without
 * web/dist: the CLI as it runs on an install whose console was never built. Returns its main.js.
 */
function buildWithoutConsole(): string {
  const root = mkdtempSync(join(tmpdir(), 'hd-cli-build-'));
  cpSync(join(ROOT, 'package.json'), join(root, 'package.json'));
  cpSync(join(ROOT, 'dist'), join(root, 'dist'), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'));
  return join(root, 'dist', 'src', 'cli', 'main.js');
}

function printedPassword(run: CliRun): string {
  const match = /password: (\S+)/.exec(run.stdout);
  if (!match) throw new Error(`no password in the CLI output: ${JSON.stringify(run)}`);
  return match[1];
}

const login = (t: TestApp, email: string, password: string) =>
  t.http().post('/api/auth/login').send({ login: email, password });

describe.each(testDatabases())('break-glass CLI on $name', (db) => {
  const appKey = randomBytes(32);
  let env: Record<string, string>;
  let url: string;
  const cli = (...args: string[]) => runCli(env, ...args);

  beforeAll(async () => {
    url = await db.url();
    env = { DATABASE_URL: url, APP_KEY: appKey.toString('hex'), DATA_DIR: mkdtempSync(join(tmpdir(), 'hd-cli-data-')) };
  });

  it('the CLI recovers an install where LDAP sign-in is on and the directory is gone', async () => {
    const slapd = await startOpenLdap();
    let t = await startTestApp(url, { appKey });
    try {
      const cookie = await t.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
      const put = await t
        .http()
        .put('/api/admin/ldap/settings')
        .set('Cookie', cookie)
        .send({
          enabled: true,
          host: slapd.host,
          port: slapd.port,
          encryption: 'none',
          bindDn: SERVICE_ACCOUNT.dn,
          bindPassword: SERVICE_ACCOUNT.password,
          searchScopes: [{ dn: OUS.people, filter: '(objectClass=inetOrgPerson)' }],
          fallbackToLocal: false,
          confirmLockout: true, // the lock-out this test recovers from with the CLI
        });
      expect(put.status).toBe(200);
      await slapd.stop();
      expect((await login(t, ADMIN_EMAIL, ADMIN_PASSWORD)).status).toBe(401);
    } finally {
      await t.close();
      await slapd.stop();
    }

    const run = await cli('ldap:disable');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/LDAP sign-in is now off/);

    t = await startTestApp(url, { appKey });
    try {
      expect((await login(t, ADMIN_EMAIL, ADMIN_PASSWORD)).status).toBe(200);
      const cookie = await t.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
      // Only the switch moved: the rest of the settings and the stored bind password are kept.
      const settings = await t.http().get('/api/admin/ldap/settings').set('Cookie', cookie);
      expect(settings.body).toMatchObject({
        enabled: false,
        encryption: 'none',
        bindDn: SERVICE_ACCOUNT.dn,
        bindPassword: '********',
        fallbackToLocal: false,
      });
      const log = await t.http().get('/api/admin/logs/ldap?event=settings').set('Cookie', cookie);
      expect(JSON.stringify(log.body)).toMatch(/LDAP sign-in turned off by cli/);

      // With the server running (it caches settings briefly): on again, secret intact, then off again.
      expect(await cli('ldap:enable')).toMatchObject({
        code: 0,
        stdout: expect.stringMatching(/LDAP sign-in is now on/),
      });
      const view = await eventually(
        () =>
          t
            .http()
            .get('/api/admin/ldap/settings')
            .set('Cookie', cookie)
            .then((r) => r.body),
        (b) => b.enabled === true,
        10_000,
      );
      expect(view).toMatchObject({ enabled: true, bindPassword: '********' });
      expect(await cli('ldap:disable')).toMatchObject({ code: 0 });
      expect(await cli('ldap:disable')).toMatchObject({ code: 0, stdout: expect.stringMatching(/already off/) });
    } finally {
      await t.close();
    }
  }, 120_000);

  it('ldap:import runs an import, prints the summary, and refuses while LDAP is off', async () => {
    const slapd = await startOpenLdap();
    const t = await startTestApp(url, { appKey });
    try {
      const cookie = await t.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
      const put = await t
        .http()
        .put('/api/admin/ldap/settings')
        .set('Cookie', cookie)
        .send({
          enabled: true,
          host: slapd.host,
          port: slapd.port,
          encryption: 'none',
          bindDn: SERVICE_ACCOUNT.dn,
          bindPassword: SERVICE_ACCOUNT.password,
          searchScopes: [{ dn: OUS.staff, filter: '(objectClass=inetOrgPerson)' }],
          fallbackToLocal: true,
        });
      expect(put.status).toBe(200);
      const staff = ALL_FIXTURE_USERS.filter((u) => u.ou === 'staff' && u.mail);
      const run = await cli('ldap:import', '--full');
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/status +succeeded/);
      expect(run.stdout).toMatch(new RegExp(`created +${staff.length}\\b`));
      const users = await t.http().get('/api/admin/users?pageSize=500').set('Cookie', cookie);
      for (const u of staff) expect(users.body.items.map((i: { email: string }) => i.email)).toContain(u.mail);
      expect((await cli('ldap:disable')).code).toBe(0);
      const refused = await cli('ldap:import');
      expect(refused).toMatchObject({ code: 1, stdout: '' });
      expect(refused.stderr.trim()).toBe(
        'error: LDAP is not enabled: enable it in the LDAP settings before importing (LDAP_NOT_ENABLED)',
      );
    } finally {
      await t.close();
      await slapd.stop();
    }
  }, 120_000);

  it('starts no schedules: with a sync due every second, a command ends by itself', async () => {
    const scheduledRuns = async (): Promise<string[]> => {
      const data = await new DataSource({ ...dataSourceOptions(url), entities: [], migrations: [] }).initialize();
      try {
        const rows = await data
          .createQueryBuilder()
          .select('r.id', 'id')
          .from('sync_runs', 'r')
          .where('r.trigger = :trigger', { trigger: 'schedule' })
          .getRawMany<{ id: string }>();
        return rows.map((row) => row.id).sort();
      } finally {
        await data.destroy();
      }
    };
    const t = await startTestApp(url, { appKey });
    try {
      const cookie = await t.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
      // Never dialled: saving settings does not connect.
      const put = await t
        .http()
        .put('/api/admin/ldap/settings')
        .set('Cookie', cookie)
        .send({
          enabled: true,
          host: '127.0.0.1',
          port: 9,
          encryption: 'none',
          bindDn: SERVICE_ACCOUNT.dn,
          bindPassword: SERVICE_ACCOUNT.password,
          searchScopes: [{ dn: OUS.people, filter: '(objectClass=inetOrgPerson)' }],
          fallbackToLocal: true,
          sync: { enabled: true, schedule: '* * * * * *' },
        });
      expect(put.status).toBe(200);
    } finally {
      await t.close();
    }
    // The server's own scheduler may have started runs between the save and its close.
    const before = await scheduledRuns();

    // The process is left to end by itself (exitCode, no exit()): the server's 5 s settings poller
    // or its cron job would keep it alive, and runCli would fail the run when it kills it.
    const on = await cli('ldap:enable');
    expect(on).toMatchObject({ code: 0, stdout: expect.stringMatching(/already on/) });
    expect((await cli('admin:reset-password', 'ghost@example.com')).code).toBe(1);
    expect((await cli('ldap:disable')).code).toBe(0);

    // Only the CLI ran since: a scheduler in it would have started runs every second.
    expect(await scheduledRuns()).toEqual(before);
  }, 90_000);

  it('says nothing about the web console, whether or not it is built (it has no HTTP server to serve it)', async () => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run the suite with npm test, which builds first`);
    const main = buildWithoutConsole();
    try {
      const run = await runCliAt(main, env, ['ldap:disable']);
      expect(run).toMatchObject({ code: 0, stderr: '' });
      // its one line of result, and nothing else on either stream
      expect(run.stdout).toMatch(/^LDAP sign-in (is now|was already) off[^\n]*\n$/);
    } finally {
      rmSync(resolve(main, '../../../..'), { recursive: true, force: true });
    }
  }, 60_000);

  it('the CLI context has no scheduler', async () => {
    const config = loadConfig({ DATABASE_URL: url, APP_KEY: appKey.toString('hex'), DATA_DIR: env.DATA_DIR });
    const app = await openCliContext(config, false);
    try {
      expect(() => app.get(SyncScheduler)).toThrow();
      expect(() => app.get(SchedulerRegistry)).toThrow();
    } finally {
      await app.close();
    }
  });

  it('admin:reset-password prints a password that signs in, ends the sessions, and the old password fails', async () => {
    const t = await startTestApp(url, { appKey });
    try {
      const oldCookie = await t.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
      const run = await cli('admin:reset-password', ADMIN_EMAIL.toUpperCase());
      expect(run).toMatchObject({ code: 0, stderr: '' });
      const password = printedPassword(run);
      expect(password.length).toBeGreaterThanOrEqual(20);
      expect((await t.http().get('/api/auth/me').set('Cookie', oldCookie)).status).toBe(401);
      expect((await login(t, ADMIN_EMAIL, ADMIN_PASSWORD)).status).toBe(401);
      expect((await login(t, ADMIN_EMAIL, password)).status).toBe(200);
    } finally {
      await t.close();
    }
  }, 60_000);

  it('admin:reset-password refuses an unknown email and a non-admin with exit 1 and one line', async () => {
    const unknown = await cli('admin:reset-password', 'ghost@example.com');
    expect(unknown).toMatchObject({ code: 1, stdout: '' });
    expect(unknown.stderr.trim()).toBe('error: no user with the email ghost@example.com; create one with admin:create');

    const t = await startTestApp(url, { appKey });
    try {
      const admin = await cli('admin:create', 'boss@example.com');
      const cookie = await t.signIn('boss@example.com', printedPassword(admin));
      await t
        .http()
        .post('/api/admin/users')
        .set('Cookie', cookie)
        .send({ email: 'agent@example.com', password: 'agent-password-123' })
        .expect(201);
    } finally {
      await t.close();
    }
    const agent = await cli('admin:reset-password', 'agent@example.com');
    expect(agent).toMatchObject({ code: 1, stdout: '' });
    expect(agent.stderr.trim()).toBe(
      'error: agent@example.com is an agent, not an admin: this command resets admin passwords only',
    );
  }, 60_000);

  it('admin:create creates a local admin who can sign in; repeating it is refused', async () => {
    const run = await cli('admin:create', 'Ops@Example.com');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const t = await startTestApp(url, { appKey });
    try {
      const cookie = await t.signIn('ops@example.com', printedPassword(run));
      expect((await t.http().get('/api/auth/me').set('Cookie', cookie)).body).toMatchObject({
        email: 'ops@example.com',
        role: 'admin',
        authSource: 'local',
      });
    } finally {
      await t.close();
    }
    const again = await cli('admin:create', 'ops@example.com');
    expect(again).toMatchObject({ code: 1, stdout: '' });
    expect(again.stderr.trim()).toBe(
      'error: a user with the email ops@example.com already exists; use admin:reset-password for an admin',
    );
    expect((await cli('admin:create', 'not-an-email')).code).toBe(1);
  }, 60_000);
});

describe('break-glass CLI usage', () => {
  const env = { DATABASE_URL: 'sqlite::memory:', APP_KEY: randomBytes(32).toString('hex') };

  it.each([
    ['an unknown command', ['ldap:destroy']],
    ['no command', []],
    ['a missing argument', ['admin:create']],
    ['an unknown flag', ['ldap:disable', '--force']],
  ])('%s: usage on stderr and exit code 2', async (_label, args) => {
    const run = await runCli(env, ...args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^error: /);
    expect(run.stderr).toMatch(/Usage: npm run cli -- <command>/);
    for (const command of ['ldap:disable', 'ldap:enable', 'admin:reset-password <email>', 'admin:create <email>'])
      expect(run.stderr).toContain(command);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('help prints the usage on stdout', async () => {
    const run = await runCli(env, 'help');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/Usage: npm run cli -- <command>/);
  });
});
