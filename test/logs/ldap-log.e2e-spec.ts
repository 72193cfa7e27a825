import { LdapLogService } from '../../src/logs/ldap-log.service.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, type TestApp } from '../support/app.js';
import { testDatabases } from '../support/databases.js';

describe.each(testDatabases())('LDAP log API on $name', (db) => {
  let t: TestApp;
  let admin: string;
  const query = async (qs: string) => {
    const res = await t.http().get(`/api/admin/logs/ldap?${qs}`).set('Cookie', admin);
    expect(res.status).toBe(200);
    return res.body as {
      items: { event: string; level: string; message: string; runId: string | null }[];
      total: number;
      page: number;
    };
  };

  beforeAll(async () => {
    t = await startTestApp(await db.url());
    admin = await t.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
    const logs = t.app.get(LdapLogService);
    await logs.write(
      {
        level: 'info',
        event: 'sync.run.started',
        message: 'run started',
        runId: '11111111-1111-4111-8111-111111111111',
      },
      {
        level: 'warn',
        event: 'sync.user.skipped',
        message: 'uid=nomail has no mail',
        runId: '11111111-1111-4111-8111-111111111111',
      },
      {
        level: 'error',
        event: 'sync.mailbox.failed',
        message: 'Mailbox 100% broken_filter',
        runId: '22222222-2222-4222-8222-222222222222',
      },
      { level: 'warn', event: 'login.failed', message: 'alice from 127.0.0.1: wrong password', actor: 'alice' },
    );
  });
  afterAll(() => t?.close());

  it('filters by level, event prefix and run, newest first', async () => {
    expect((await query('level=error')).items.map((i) => i.event)).toEqual(['sync.mailbox.failed']);
    expect((await query('event=sync')).items.map((i) => i.event)).toEqual([
      'sync.mailbox.failed',
      'sync.user.skipped',
      'sync.run.started',
    ]);
    expect((await query('runId=11111111-1111-4111-8111-111111111111')).total).toBe(2);
  });

  it('searches message text, taking % and _ literally', async () => {
    expect((await query('q=NOMAIL')).items.map((i) => i.event)).toEqual(['sync.user.skipped']);
    expect((await query(`q=${encodeURIComponent('100%')}`)).total).toBe(1);
    expect((await query(`q=${encodeURIComponent('0%_b')}`)).total).toBe(0);
  });

  it('filters by time', async () => {
    const future = new Date(Date.now() + 3600_000).toISOString();
    const past = new Date(Date.now() - 3600_000).toISOString();
    expect((await query(`from=${future}`)).total).toBe(0);
    expect((await query(`from=${past}&event=sync`)).total).toBe(3);
    expect((await query(`to=${past}`)).total).toBe(0);
  });

  it('pages', async () => {
    const first = await query('event=sync&pageSize=2&page=1');
    const second = await query('event=sync&pageSize=2&page=2');
    expect(first.items).toHaveLength(2);
    expect(second.items).toHaveLength(1);
    expect(first.total).toBe(3);
  });

  it('refuses bad parameters with the field named', async () => {
    for (const [qs, field] of [
      ['level=loud', 'level'],
      ['runId=abc', 'runId'],
      ['from=yesterday', 'from'],
      ['page=0', 'page'],
    ]) {
      const res = await t.http().get(`/api/admin/logs/ldap?${qs}`).set('Cookie', admin);
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body.message)).toContain(field);
    }
  });
});
