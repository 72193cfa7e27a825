import { testDatabases } from '../support/databases.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, TestApp } from '../support/app.js';

describe.each(testDatabases())('no change leaves no active admin on $name', (db) => {
  let t: TestApp;
  let cookie: string;
  let adminId: number;

  beforeAll(async () => {
    t = await startTestApp(await db.url());
    cookie = await t.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
    adminId = (await t.http().get('/api/auth/me').set('Cookie', cookie)).body.id;
  });
  afterAll(() => t?.close());

  async function newAdmin(email: string): Promise<{ id: number; cookie: string }> {
    const password = `${email}-password`;
    const res = await t.http().post('/api/admin/users').set('Cookie', cookie).send({ email, password, role: 'admin' });
    expect(res.status).toBe(201);
    return { id: res.body.id, cookie: await t.signIn(email, password) };
  }

  const patch = (asCookie: string, id: number, body: object) =>
    t.http().patch(`/api/admin/users/${id}`).set('Cookie', asCookie).send(body);

  it('refuses the only admin demoting themselves, naming the role field, and keeps them admin', async () => {
    const res = await patch(cookie, adminId, { role: 'agent' });
    expect(res.status).toBe(400);
    expect(res.body.fields.role).toEqual([`${ADMIN_EMAIL} is the last active admin: make another user an admin first`]);
    expect((await t.http().get('/api/admin/users').set('Cookie', cookie)).status).toBe(200);
    expect((await patch(cookie, adminId, { role: 'admin', firstName: 'Ada' })).status).toBe(200);
  });

  it('refuses an admin demoting or disabling the last other active admin', async () => {
    const other = await newAdmin('second-admin@example.com');
    // The bootstrap admin steps down: the other one remains.
    expect((await patch(cookie, adminId, { role: 'agent' })).status).toBe(200);
    const selfDemote = await patch(other.cookie, other.id, { role: 'agent' });
    expect(selfDemote.status).toBe(400);
    expect(selfDemote.body.fields.role).toBeDefined();
    // Back to two admins, then one disables the other: the last one cannot be disabled next.
    expect((await patch(other.cookie, adminId, { role: 'admin' })).status).toBe(200);
    expect((await patch(other.cookie, adminId, { status: 'disabled' })).status).toBe(200);
    const demoteLast = await patch(other.cookie, other.id, { role: 'agent', status: 'active' });
    expect(demoteLast.status).toBe(400);
    // Re-enabling the disabled admin makes the change possible again.
    expect((await patch(other.cookie, adminId, { status: 'active' })).status).toBe(200);
    cookie = await t.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
    expect((await patch(cookie, other.id, { status: 'disabled' })).status).toBe(200);
    const disableLast = await patch(other.cookie, adminId, { status: 'disabled' });
    expect(disableLast.status).toBe(401); // the disabled admin's session ended
    const admins = await t.http().get('/api/admin/users?status=active').set('Cookie', cookie);
    expect(admins.body.items.filter((u: { role: string }) => u.role === 'admin')).toHaveLength(1);
  });

  it('two admins demoting each other at once: exactly one succeeds', async () => {
    for (let round = 0; round < 2; round += 1) {
      const a = await newAdmin(`pair-a-${round}@example.com`);
      const b = await newAdmin(`pair-b-${round}@example.com`);
      // Only a and b stay admins: the bootstrap admin and earlier pairs step down first.
      const list = await t.http().get('/api/admin/users?pageSize=500').set('Cookie', a.cookie);
      for (const u of list.body.items as { id: number; role: string }[])
        if (u.role === 'admin' && u.id !== a.id && u.id !== b.id)
          expect((await patch(a.cookie, u.id, { role: 'agent' })).status).toBe(200);
      const [ab, ba] = await Promise.all([
        patch(a.cookie, b.id, { role: 'agent' }),
        patch(b.cookie, a.id, { role: 'agent' }),
      ]);
      // The loser is refused by the check (400) or, when the winner's change came first, by the role guard (403).
      const [won, lost] = ab.status === 200 ? [ab, ba] : [ba, ab];
      expect(won.status).toBe(200);
      expect([400, 403]).toContain(lost.status);
      cookie = ab.status === 200 ? a.cookie : b.cookie;
      const after = await t.http().get('/api/admin/users?pageSize=500').set('Cookie', cookie);
      expect(after.body.items.filter((u: { role: string }) => u.role === 'admin')).toHaveLength(1);
    }
  }, 300_000);
});
