import { SyncService, type StartOptions } from '../../src/sync/sync.service.js';
import { replaceRecord } from '../../test/directories/ldif.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, type TestApp } from '../../test/support/app.js';
import { run } from '../../test/support/processes.js';
import { cpuMeter } from './cpu.js';
import { Probes } from './probes.js';
import type { OurRun, SizeEnvironment } from './types.js';

export const USER_FILTER = '(objectClass=inetOrgPerson)';

export interface BenchApp {
  t: TestApp;
  env: SizeEnvironment;
  probes: Probes;
  close(): Promise<void>;
}

/** The app on a fresh database, configured through the admin API: one scope, memberOf mailboxes. */
export async function startBenchApp(env: SizeEnvironment, databaseUrl: string): Promise<BenchApp> {
  const t = await startTestApp(databaseUrl);
  try {
    const cookie = await t.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
    const settings = {
      enabled: true,
      host: env.ldap.host,
      port: env.ldap.port,
      encryption: 'none',
      bindDn: env.ldap.serviceDn,
      bindPassword: env.ldap.servicePassword,
      searchScopes: [{ dn: env.containerDn, filter: USER_FILTER }],
      loginAttributes: ['uid', 'mail'],
      timeoutMs: 10_000,
      pageSize: 500,
      sync: { deprovision: 'disable', maxDisablePercent: 10, fullSyncEveryHours: 24 },
    };
    const res = await t.http().put('/api/admin/ldap/settings').set('Cookie', cookie).send(settings);
    if (res.status !== 200) throw new Error(`PUT settings: ${res.status} ${JSON.stringify(res.body)}`);
    for (const [i, dn] of env.mailboxGroupDns.entries()) {
      const mailbox = await t
        .http()
        .post('/api/admin/mailboxes')
        .set('Cookie', cookie)
        .send({ name: `Group ${i}`, ldapFilter: `(memberOf=${dn})` });
      if (mailbox.status !== 201) throw new Error(`POST mailbox: ${mailbox.status} ${JSON.stringify(mailbox.body)}`);
    }
    return { t, env, probes: new Probes(t.app), close: () => t.close() };
  } catch (error) {
    await t.close();
    throw error;
  }
}

/** One run through SyncService.start, timed from the call to the end of `done`; fails unless it succeeded. */
export async function timedRun(app: BenchApp, options: Omit<StartOptions, 'trigger'>): Promise<OurRun> {
  app.probes.reset();
  const cpu = cpuMeter(app.env);
  const started = process.hrtime.bigint();
  const handle = await app.t.app.get(SyncService).start({ trigger: 'api', actor: 'bench', ...options });
  const view = await handle.done;
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const used = cpu();
  if (view.status !== 'succeeded')
    throw new Error(`sync run ${view.id} ended ${view.status}: ${view.error ?? ''} ${JSON.stringify(view.counters)}`);
  return {
    mode: view.mode,
    status: view.status,
    ms,
    entries: view.progress.entries,
    counters: { ...view.counters },
    breakdown: app.probes.snapshot(),
    cpu: used,
  };
}

/** Changes the title of the given entries (as the directory's root, like an admin would). */
export async function changeEntries(env: SizeEnvironment, dns: string[], title: string): Promise<void> {
  const wait = env.touchedAt + 1_100 - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  const ldif = dns.map((dn) => replaceRecord(dn, 'title', [title])).join('\n');
  await run('ldapmodify', ['-x', '-H', env.ldap.url, '-D', env.ldap.rootDn, '-w', env.ldap.rootPassword], {
    input: ldif,
  });
}
