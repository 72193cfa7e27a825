import { flavourByName } from '../../src/ldap/flavours/index.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, sessionCookie, startTestApp, TestApp } from '../support/app.js';
import { sqliteUrl } from '../support/databases.js';
import type { CompatServer, DirectoryTarget, DirectoryUser } from './directory-targets.js';
import type { SyncRunView } from '../../src/sync/run/run-types.js';
import type { UserView } from '../../src/users/dto/user.dto.js';

const NO_THROTTLE = { perLogin: 10_000, perLoginWindowSeconds: 900, perClient: 10_000, perClientWindowSeconds: 3600 };

/** A run as GET /api/admin/ldap/runs/:id shows it. */
export type RunView = SyncRunView;

/** A user as GET /api/admin/users shows it. */
export type UserRow = UserView;

/**
 * The real app (SQLite unless told) with an admin session, pointed at one target directory through its
 * settings API with the target's preset: everything the scenario suites do goes through HTTP.
 */
export class CompatApp {
  private constructor(
    readonly t: TestApp,
    readonly admin: string,
    readonly target: DirectoryTarget,
    readonly server: CompatServer,
  ) {}

  /** @param databaseUrl a fresh database (SQLite when not given) */
  static async start(target: DirectoryTarget, server: CompatServer, databaseUrl?: string): Promise<CompatApp> {
    const t = await startTestApp(databaseUrl ?? (await sqliteUrl()), { loginThrottle: NO_THROTTLE });
    return new CompatApp(t, await t.signIn(ADMIN_EMAIL, ADMIN_PASSWORD), target, server);
  }

  get preset() {
    return flavourByName(this.target.preset)!.preset;
  }

  /** The preset, StartTLS with the server's CA, the target's default bind form and scopes, then the overrides. */
  settings(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    const [bind] = this.target.bindForms;
    return {
      enabled: true,
      host: '127.0.0.1',
      port: this.server.port,
      encryption: 'starttls',
      caCertificate: this.server.caCertPem,
      bindDn: bind.bindDn,
      bindUsername: bind.bindUsername,
      bindPassword: this.server.servicePassword,
      preset: this.target.preset,
      searchScopes: this.target.scopeDns.map((dn) => ({ dn, filter: this.preset.userFilter })),
      ...overrides,
    };
  }

  put(body: Record<string, unknown>) {
    return this.t.http().put('/api/admin/ldap/settings').set('Cookie', this.admin).send(body);
  }

  async configure(overrides: Record<string, unknown> = {}): Promise<void> {
    const res = await this.put(this.settings(overrides));
    if (res.status !== 200) throw new Error(`PUT settings: ${res.status} ${JSON.stringify(res.body)}`);
  }

  post(path: string, body: object = {}) {
    return this.t.http().post(path).set('Cookie', this.admin).send(body);
  }

  login(login: string, password: string) {
    return this.t.http().post('/api/auth/login').send({ login, password });
  }

  /** The user's login by the preset's first login attribute (uid, or sAMAccountName). */
  firstLogin(user: DirectoryUser): string {
    return user.logins[this.preset.loginAttributes[0]];
  }

  async loginMessages(): Promise<string[]> {
    const res = await this.t.http().get('/api/admin/logs/ldap?event=login&pageSize=500').set('Cookie', this.admin);
    return (res.body.items as { message: string }[]).map((line) => line.message);
  }

  async mailboxesOf(user: DirectoryUser): Promise<string[]> {
    const cookie = sessionCookie((await this.login(this.firstLogin(user), user.password)).headers['set-cookie']);
    return ((await this.t.http().get('/api/mailboxes').set('Cookie', cookie)).body as { name: string }[])
      .map((m) => m.name)
      .sort();
  }

  /** POST /import, then polls the run until it ends. */
  async sync(body: object = {}, timeoutMs = 60_000): Promise<RunView> {
    const started = await this.post('/api/admin/ldap/import', body);
    if (started.status !== 202) throw new Error(`POST import: ${started.status} ${JSON.stringify(started.body)}`);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const run = (await this.t.http().get(`/api/admin/ldap/runs/${started.body.runId}`).set('Cookie', this.admin))
        .body as RunView;
      if (run.status !== 'running') return run;
      if (Date.now() > deadline) throw new Error(`run still running after ${timeoutMs} ms: ${JSON.stringify(run)}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  async users(): Promise<Map<string, UserRow>> {
    const all: UserRow[] = [];
    for (let page = 1; ; page += 1) {
      const res = await this.t.http().get(`/api/admin/users?page=${page}&pageSize=500`).set('Cookie', this.admin);
      all.push(...(res.body.items as UserRow[]));
      if (all.length >= res.body.total || res.body.items.length === 0) break;
    }
    return new Map(all.filter((user) => user.authSource === 'ldap').map((user) => [user.email, user]));
  }

  close(): Promise<void> {
    return this.t.close();
  }
}
