import { testDatabases } from '../support/databases.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, TestApp } from '../support/app.js';

describe.each(testDatabases())('mailbox names on $name', (db) => {
  let t: TestApp;
  let cookie: string;
  const create = (body: object) => t.http().post('/api/admin/mailboxes').set('Cookie', cookie).send(body);

  beforeAll(async () => {
    t = await startTestApp(await db.url());
    cookie = await t.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
  });
  afterAll(() => t?.close());

  const INVISIBLE = 'name must contain visible characters, not only spaces or invisible ones';
  it.each([
    ['', 'name must not be empty'],
    ['  ', 'name must not be empty'],
    ['\u200b', INVISIBLE],
    [' \u200b\u00a0\ufeff ', INVISIBLE],
    ['\u2028\t', 'name must not be empty'],
  ])('refuses the name %j, naming the field', async (name, message) => {
    const res = await create({ name });
    expect(res.status).toBe(400);
    expect(res.body.fields.name).toEqual([message]);
  });

  it('stores a name trimmed, and refuses an invisible one on change too', async () => {
    const res = await create({ name: '  Billing  ' });
    expect(res.status).toBe(201);
    expect(res.body.name).toBe('Billing');
    const change = await t
      .http()
      .patch(`/api/admin/mailboxes/${res.body.id}`)
      .set('Cookie', cookie)
      .send({ name: '\u200b' });
    expect(change.status).toBe(400);
    expect(change.body.fields.name).toBeDefined();
  });

  it('names differing only in case are the same name, on create and on change', async () => {
    expect((await create({ name: 'Support' })).status).toBe(201);
    for (const name of ['support', 'SUPPORT', ' sUpPoRt ']) {
      const res = await create({ name });
      expect(res.status).toBe(409);
      expect(res.body.message).toMatch(/already exists \("Support": names differing only in case are the same\)/);
    }
    const other = await create({ name: 'Sales' });
    const rename = await t
      .http()
      .patch(`/api/admin/mailboxes/${other.body.id}`)
      .set('Cookie', cookie)
      .send({ name: 'SUPPORT' });
    expect(rename.status).toBe(409);
    // A mailbox may change the case of its own name.
    const recase = await t
      .http()
      .patch(`/api/admin/mailboxes/${other.body.id}`)
      .set('Cookie', cookie)
      .send({ name: 'SALES' });
    expect(recase.status).toBe(200);
    expect(recase.body.name).toBe('SALES');
  });

  it('two creates of one name at once: one mailbox, the other told 409', async () => {
    const answers = await Promise.all(['Escalations', 'ESCALATIONS', 'escalations'].map((name) => create({ name })));
    expect(answers.map((r) => r.status).sort()).toEqual([201, 409, 409]);
  });
});
