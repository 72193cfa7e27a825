import { sleep } from '../../test/support/processes.js';

/**
 * The admin API as the global setup uses it to prepare an app (the tests themselves go through
 * the pages). Sends X-Requested-With like the console does (the API's CSRF guard).
 */
export class AdminApi {
  private constructor(
    private readonly baseUrl: string,
    private readonly cookie: string,
  ) {}

  static async signIn(baseUrl: string, login: string, password: string): Promise<AdminApi> {
    const res = await fetch(`${baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'helpdesk-e2e' },
      body: JSON.stringify({ login, password }),
    });
    if (res.status !== 200) throw new Error(`sign-in as ${login} on ${baseUrl}: ${res.status} ${await res.text()}`);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('hd_session=') && !c.startsWith('hd_session=;'));
    if (!cookie) throw new Error(`sign-in as ${login} on ${baseUrl} set no session cookie`);
    return new AdminApi(baseUrl, cookie.split(';')[0]);
  }

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        Cookie: this.cookie,
        'X-Requested-With': 'helpdesk-e2e',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** Starts an import and waits until it is no longer running; answers the run. */
  async importAndWait(
    options: { full?: boolean; dryRun?: boolean; force?: boolean } = {},
  ): Promise<{ id: string; status: string; counters: Record<string, number> }> {
    const { runId } = await this.call<{ runId: string }>('POST', '/api/admin/ldap/import', options);
    const deadline = Date.now() + 60_000;
    for (;;) {
      const run = await this.call<{
        id: string;
        status: string;
        counters: Record<string, number>;
        error: string | null;
      }>('GET', `/api/admin/ldap/runs/${runId}`);
      if (run.status !== 'running') return run;
      if (Date.now() > deadline) throw new Error(`import ${runId} still running after 60 s`);
      await sleep(200);
    }
  }
}
