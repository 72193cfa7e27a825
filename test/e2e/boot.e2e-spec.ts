import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import request from 'supertest';

import { freePort } from '../support/free-port.js';
import { sessionCookie } from '../support/app.js';

const ROOT = resolve(import.meta.dirname, '../..');
const MAIN = join(ROOT, 'dist/src/main.js');

/** Starts the built application as `npm start` does (npm test builds it first), in a scratch folder. */
function startMain(env: Record<string, string>): {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
} {
  if (!existsSync(MAIN))
    throw new Error(`${MAIN} is missing: run the suite with npm test, which builds first (or npm run build)`);
  const child = spawn(process.execPath, [MAIN], {
    cwd: mkdtempSync(join(tmpdir(), 'hd-boot-')),
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
  return { child, output: () => out, exited };
}

async function waitFor(predicate: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('starting the application', () => {
  it('stops with one line naming a bad variable and a non-zero exit', async () => {
    const run = startMain({ PORT: 'eighty' });
    expect(await run.exited).toBe(1);
    expect(run.output().trim()).toBe(
      'configuration error: PORT must be a whole number from 1 to 65535, e.g. PORT=3000',
    );
  });

  it('starts on SQLite with nothing configured, generates a key, prints the bootstrap admin once, who can sign in', async () => {
    const port = await freePort();
    const run = startMain({ PORT: String(port) });
    try {
      await waitFor(() => /password: (\S+)/.test(run.output()), 45_000);
      const password = /password: (\S+)/.exec(run.output())![1];
      // the password block comes last, after a short start-up with no module or route lines
      const startUp = run.output();
      expect(startUp.trimEnd()).toMatch(/Sign in at http:\/\/localhost:\d+\/ and change it\.$/);
      expect(startUp).not.toMatch(/RouterExplorer|RoutesResolver|InstanceLoader|Mapped \{/);
      expect(startUp.trim().split('\n').length).toBeLessThan(20);
      expect(run.output()).toMatch(/email: {4}admin@example\.com/);
      expect(run.output()).toMatch(/APP_KEY was not set: generated one in .*app\.key/);
      const http = `http://127.0.0.1:${port}`;
      const login = await request(http).post('/api/auth/login').send({ login: 'admin@example.com', password });
      expect(login.status).toBe(200);
      const me = await request(http).get('/api/auth/me').set('Cookie', sessionCookie(login.headers['set-cookie']));
      expect(me.body.role).toBe('admin');
    } finally {
      run.child.kill('SIGTERM');
      await run.exited;
    }
  }, 60_000);

  it("shows Nest's module and route lines at LOG_LEVEL=debug, still before the password", async () => {
    const port = await freePort();
    const run = startMain({ PORT: String(port), LOG_LEVEL: 'debug' });
    try {
      await waitFor(() => /password: (\S+)/.test(run.output()), 45_000);
      expect(run.output()).toMatch(/\[RouterExplorer\] Mapped \{\/api\/auth\/login, POST\} route/);
      expect(run.output()).toMatch(/\[InstanceLoader\] AppModule dependencies initialized/);
      expect(run.output().trimEnd()).toMatch(/and change it\.$/);
    } finally {
      run.child.kill('SIGTERM');
      await run.exited;
    }
  }, 60_000);

  it('refuses a HOST that is no address or host name, in one line', async () => {
    const run = startMain({ HOST: 'http://0.0.0.0' });
    expect(await run.exited).toBe(1);
    expect(run.output().trim()).toMatch(/^configuration error: HOST must be the address to listen on: an IP address/);
  });

  it('listens only on HOST when it is set, and says where', async () => {
    const port = await freePort();
    const run = startMain({ PORT: String(port), HOST: '127.0.0.2' });
    try {
      await waitFor(() => /listening on/.test(run.output()), 45_000);
      expect(run.output()).toContain(`listening on http://127.0.0.2:${port}/api`);
      expect((await request(`http://127.0.0.2:${port}`).get('/api/health')).status).toBe(200);
      await expect(request(`http://127.0.0.1:${port}`).get('/api/health')).rejects.toThrow(/ECONNREFUSED/);
    } finally {
      run.child.kill('SIGTERM');
      await run.exited;
    }
  }, 60_000);
});
