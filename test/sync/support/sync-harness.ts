import { SERVICE_ACCOUNT, OUS } from '../../directories/fixtures.js';
import type { OpenLdapServer } from '../../directories/openldap.js';
import type { AppConfig } from '../../../src/config/app-config.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, type TestApp } from '../../support/app.js';
import type { SyncRunView } from '../../../src/sync/run/run-types.js';
import type { UserView } from '../../../src/users/dto/user.dto.js';

export const PERSON_FILTER = '(objectClass=inetOrgPerson)';
export const FIXTURE_SCOPES = [
  { dn: OUS.people, filter: PERSON_FILTER },
  { dn: OUS.staff, filter: PERSON_FILTER },
];

/** A run as GET /api/admin/ldap/runs/:id shows it. */
export type RunView = SyncRunView;

/** A user as GET /api/admin/users shows it. */
export type UserRow = UserView;

/** The app on a fresh database with an admin session, driven only through its HTTP API. */
export class SyncClient {
  private constructor(
    readonly t: TestApp,
    readonly cookie: string,
  ) {}

  static async start(databaseUrl: string, overrides: Partial<AppConfig> = {}): Promise<SyncClient> {
    const t = await startTestApp(databaseUrl, overrides);
    return new SyncClient(t, await t.signIn(ADMIN_EMAIL, ADMIN_PASSWORD));
  }

  /** LDAP settings through the admin API, pointing at a throwaway slapd. */
  async configure(server: OpenLdapServer, overrides: Record<string, unknown> = {}): Promise<void> {
    const body = {
      enabled: true,
      host: server.host,
      port: server.port,
      encryption: 'none',
      bindDn: SERVICE_ACCOUNT.dn,
      bindPassword: SERVICE_ACCOUNT.password,
      searchScopes: FIXTURE_SCOPES,
      loginAttributes: ['uid', 'mail'],
      timeoutMs: 3000,
      sync: { deprovision: 'disable', maxDisablePercent: 10, fullSyncEveryHours: 24 },
      ...overrides,
    };
    const res = await this.t.http().put('/api/admin/ldap/settings').set('Cookie', this.cookie).send(body);
    if (res.status !== 200) throw new Error(`PUT settings: ${res.status} ${JSON.stringify(res.body)}`);
  }

  trigger(body: object = {}) {
    return this.t.http().post('/api/admin/ldap/import').set('Cookie', this.cookie).send(body);
  }

  async run(id: string): Promise<RunView> {
    const res = await this.t.http().get(`/api/admin/ldap/runs/${id}`).set('Cookie', this.cookie);
    if (res.status !== 200) throw new Error(`GET run: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as RunView;
  }

  /** Polls the run until it is no longer running. */
  async finished(id: string, timeoutMs = 45_000): Promise<RunView> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const run = await this.run(id);
      if (run.status !== 'running') return run;
      if (Date.now() > deadline)
        throw new Error(`run ${id} still running after ${timeoutMs} ms: ${JSON.stringify(run)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** POST /import, then wait for the run's end. */
  async sync(body: object = {}): Promise<RunView> {
    const res = await this.trigger(body);
    if (res.status !== 202) throw new Error(`POST import: ${res.status} ${JSON.stringify(res.body)}`);
    return this.finished(res.body.runId);
  }

  /**
   * Starts a full run and, once it has read `pages` pages and still runs, stops then kills the
   * directory (`server.pause()`, `server.kill()`); answers the run as it ended.
   */
  async fullRunKilledWhilePaging(server: { pause(): Promise<void>; kill(): Promise<void> }, pages: number) {
    const started = await this.trigger({ full: true });
    if (started.status !== 202) throw new Error(`POST import: ${started.status} ${JSON.stringify(started.body)}`);
    const deadline = Date.now() + 20_000;
    for (;;) {
      const run = await this.run(started.body.runId);
      if (run.status !== 'running')
        throw new Error(`the run ended before the directory was killed: ${JSON.stringify(run)}`);
      if (run.progress.pages >= pages) break;
      if (Date.now() > deadline) throw new Error(`the run read fewer than ${pages} pages in 20 s`);
    }
    await server.pause();
    await server.kill();
    return this.finished(started.body.runId);
  }

  async users(): Promise<UserRow[]> {
    const all: UserRow[] = [];
    for (let page = 1; ; page += 1) {
      const res = await this.t.http().get(`/api/admin/users?page=${page}&pageSize=500`).set('Cookie', this.cookie);
      all.push(...res.body.items);
      if (all.length >= res.body.total || res.body.items.length === 0) return all;
    }
  }

  async userCount(): Promise<number> {
    const res = await this.t.http().get('/api/admin/users?pageSize=1').set('Cookie', this.cookie);
    return res.body.total;
  }

  async directoryUsers(): Promise<Map<string, UserRow>> {
    return new Map((await this.users()).filter((u) => u.authSource === 'ldap').map((u) => [u.email, u]));
  }

  async logs(
    query: string,
  ): Promise<{ level: string; event: string; message: string; details: Record<string, unknown> | null }[]> {
    const res = await this.t.http().get(`/api/admin/logs/ldap?pageSize=500&${query}`).set('Cookie', this.cookie);
    return res.body.items;
  }

  close(): Promise<void> {
    return this.t.close();
  }
}
