import { DEFAULT_PASSWORD } from '../directories/fixtures.js';
import { startOpenLdap, type OpenLdapServer } from '../directories/openldap.js';
import { testDatabases } from '../support/databases.js';
import { joinLdif, ouLdif, personLdif } from './support/entries.js';
import { PERSON_FILTER, SyncClient } from './support/sync-harness.js';

const EMOJI = '\u{1F600}';
const emojis = EMOJI.repeat(128); // 128 characters, 256 UTF-16 units: fits a 255-character column
const longTitle = 'T'.repeat(300);
const edge = `${'a'.repeat(254)}${EMOJI}b`; // 256 characters: the cut falls after the emoji, not inside it

// Columns hold characters (code points): values are measured and cut in them, never inside one.
describe.each(testDatabases())('long and four-byte values on $name', (db) => {
  let server: OpenLdapServer;
  let c: SyncClient;
  const ou = ouLdif('long');
  const smiley = personLdif(ou.dn, 'smiley', { givenName: emojis });
  const titled = personLdif(ou.dn, 'titled', { title: longTitle, givenName: edge });
  const signer = personLdif(ou.dn, 'signer', { title: longTitle, givenName: emojis });

  beforeAll(async () => {
    [server, c] = await Promise.all([
      startOpenLdap({ tls: 'none', seed: false }),
      db.url().then((url) => SyncClient.start(url)),
    ]);
    await server.ldapAdd(joinLdif([ou, smiley, titled, signer]));
    await c.configure(server, { searchScopes: [{ dn: ou.dn, filter: PERSON_FILTER }] });
  });
  afterAll(async () => {
    await c?.close();
    await server?.stop();
  });

  const byDn = async (dn: string) => (await c.users()).find((u) => u.ldapDn === dn);

  it('sign-in stores four-byte characters whole and logs a cut', async () => {
    expect(
      (await c.t.http().post('/api/auth/login').send({ login: 'signer', password: DEFAULT_PASSWORD })).status,
    ).toBe(200);
    expect(await byDn(signer.dn)).toMatchObject({ firstName: emojis, jobTitle: 'T'.repeat(255) });
    const cuts = await c.logs('event=user.truncated');
    expect(cuts).toEqual([
      expect.objectContaining({
        level: 'warn',
        message: expect.stringContaining('title has 300 characters, cut to the first 255'),
      }),
    ]);
  });

  it('the import stores them whole, cuts between characters and logs each cut', async () => {
    const run = await c.sync({ full: true });
    expect(run.counters).toMatchObject({ created: 2, updated: 0, unchanged: 1, failed: 0 });
    expect(await byDn(smiley.dn)).toMatchObject({ firstName: emojis });
    expect(await byDn(titled.dn)).toMatchObject({ firstName: `${'a'.repeat(254)}${EMOJI}`, jobTitle: 'T'.repeat(255) });
    const cuts = await c.logs(`runId=${run.id}&event=sync.user.truncated`);
    expect(cuts.map((l) => l.details?.attribute).sort()).toEqual(['givenName', 'title']);
    expect(cuts.every((l) => l.details?.dn === titled.dn)).toBe(true);
  });

  it('compares what would be stored: the next runs rewrite nothing and log no cut again', async () => {
    const before = await c.users();
    for (const body of [{ full: true }, { full: true }]) {
      const run = await c.sync(body);
      expect(run.counters).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
      expect(await c.logs(`runId=${run.id}&event=sync.user.truncated`)).toEqual([]);
    }
    expect(await c.users()).toEqual(before);
  });
});
