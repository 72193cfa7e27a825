import { createServer, type Server } from 'node:net';

import { parseTargetList } from '../../src/common/network-targets.js';
import { SERVICE_ACCOUNT, OUS } from '../directories/fixtures.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, type TestApp } from '../support/app.js';
import { sqliteUrl } from '../support/databases.js';
import { DiagnosticsClient, failedStep } from './support/diagnostics-harness.js';

/** A loopback TCP listener that counts the connections it accepts. */
async function listener(): Promise<{ server: Server; port: number; accepted: () => number }> {
  let accepted = 0;
  const server = createServer((socket) => {
    accepted += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { server, port: address.port, accepted: () => accepted };
}

const body = (host: string, port: number) => ({
  enabled: true,
  host,
  port,
  encryption: 'none',
  bindDn: SERVICE_ACCOUNT.dn,
  bindPassword: 'not-used-here',
  searchScopes: [{ dn: OUS.people, filter: '(objectClass=inetOrgPerson)' }],
  timeoutMs: 1000,
});

describe('the connection test is no port scanner', () => {
  let allowed: Awaited<ReturnType<typeof listener>>;
  let other: Awaited<ReturnType<typeof listener>>;
  let t: TestApp;
  let api: DiagnosticsClient;

  beforeAll(async () => {
    [allowed, other] = await Promise.all([listener(), listener()]);
    t = await startTestApp(await sqliteUrl(), { ldapAllowedTargets: parseTargetList(`127.0.0.1:${allowed.port}`) });
    api = new DiagnosticsClient(t, await t.signIn(ADMIN_EMAIL, ADMIN_PASSWORD));
  });
  afterAll(async () => {
    await t?.close();
    allowed?.server.close();
    other?.server.close();
  });

  it('refuses the cloud metadata address at the resolve step, so nothing is dialled, and logs the target', async () => {
    const report = await api.diagnose(body('169.254.169.254', 80));
    expect(report.ok).toBe(false);
    expect(report.steps).toHaveLength(1);
    expect(failedStep(report.steps)).toMatchObject({
      step: 'resolve',
      code: 'TARGET_REFUSED',
      message: '169.254.169.254 is a cloud metadata address, never a directory',
    });
    const log = await t
      .http()
      .get('/api/admin/logs/ldap?q=169.254.169.254')
      .set('Cookie', await t.signIn(ADMIN_EMAIL, ADMIN_PASSWORD));
    expect(JSON.stringify(log.body)).toContain('connection test to 169.254.169.254:80 failed at resolve');
  });

  it('refuses a loopback port not on the allow-list: its listener sees no connection', async () => {
    const report = await api.diagnose(body('127.0.0.1', other.port));
    expect(failedStep(report.steps)).toMatchObject({ step: 'resolve', code: 'TARGET_REFUSED' });
    expect(failedStep(report.steps).message).toContain(`127.0.0.1:${other.port} is not in the list`);
    expect(other.accepted()).toBe(0);
  });

  it('dials the port the allow-list names (the listener sees it)', async () => {
    const report = await api.diagnose(body('127.0.0.1', allowed.port));
    expect(report.steps.slice(0, 2)).toMatchObject([
      { step: 'resolve', ok: true },
      { step: 'connect', ok: true },
    ]);
    expect(allowed.accepted()).toBeGreaterThan(0);
    expect(other.accepted()).toBe(0);
  });
});
