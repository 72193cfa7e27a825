import { startOpenLdap, type OpenLdapServer } from '../directories/openldap.js';
import { testDatabases } from '../support/databases.js';
import { joinLdif, ouLdif, personLdif } from './support/entries.js';
import { PERSON_FILTER, type RunView, SyncClient } from './support/sync-harness.js';

interface BrakeCase {
  name: string;
  /** Directory users imported before the run (under ou=old-…). */
  before: number;
  /** Entries the run finds for the first time (under ou=new-…). */
  created: number;
  /** Of the users before, how many are no longer returned. */
  gone: number;
  threshold: number;
  decision: 'disable' | 'confirm';
}

// The base is the users known before the run: the run's own new users never dilute it.
const CASES: BrakeCase[] = [
  {
    name: 'scope moved to an OU without the 3 old users (issue 12)',
    before: 3,
    created: 40,
    gone: 3,
    threshold: 10,
    decision: 'confirm',
  },
  {
    name: '2 of 10 gone while 30 arrive (20 %, not 2 of 40)',
    before: 10,
    created: 30,
    gone: 2,
    threshold: 10,
    decision: 'confirm',
  },
  {
    name: '1 of 10 gone while 5 arrive (10 %, at the threshold)',
    before: 10,
    created: 5,
    gone: 1,
    threshold: 10,
    decision: 'disable',
  },
  { name: '1 of 20 gone, nobody new (5 %)', before: 20, created: 0, gone: 1, threshold: 10, decision: 'disable' },
  { name: '3 of 10 gone, threshold 50', before: 10, created: 10, gone: 3, threshold: 50, decision: 'disable' },
];

function dryDecision(run: RunView): string {
  if (run.warnings.some((w) => w.startsWith('a real run would stop for confirmation'))) return 'confirm';
  return run.counters.disabled > 0 ? 'disable' : 'none';
}

function realDecision(run: RunView): string {
  if (run.status === 'needs_confirmation') return 'confirm';
  return run.counters.disabled > 0 ? 'disable' : 'none';
}

describe.each(testDatabases())('the deprovisioning brake on $name', (db) => {
  let server: OpenLdapServer;
  beforeAll(async () => {
    server = await startOpenLdap({ tls: 'none', seed: false });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it.each(CASES.map((c, i) => ({ ...c, i })))(
    '$name: dry run and real run both $decision',
    async ({ i, before, created, gone, threshold, decision }) => {
      const oldOu = ouLdif(`old-${db.name}-${i}`);
      const newOu = ouLdif(`new-${db.name}-${i}`);
      const olds = Array.from({ length: before }, (_, j) => personLdif(oldOu.dn, `o${i}${db.name}${j}`));
      const news = Array.from({ length: created }, (_, j) => personLdif(newOu.dn, `n${i}${db.name}${j}`));
      await server.ldapAdd(joinLdif([oldOu, newOu, ...olds, ...news]));
      const c = await SyncClient.start(await db.url());
      try {
        const sync = { deprovision: 'disable', maxDisablePercent: threshold, fullSyncEveryHours: 24 };
        await c.configure(server, { searchScopes: [{ dn: oldOu.dn, filter: PERSON_FILTER }], sync });
        expect((await c.sync({ full: true })).counters).toMatchObject({ created: before, disabled: 0 });

        for (const entry of olds.slice(0, gone)) await server.ldapDelete(entry.dn);
        const scopes = [...(created > 0 ? [newOu.dn] : []), ...(before > gone ? [oldOu.dn] : [])];
        await c.configure(server, { searchScopes: scopes.map((dn) => ({ dn, filter: PERSON_FILTER })), sync });

        const dry = await c.sync({ dryRun: true });
        expect(dry.counters).toMatchObject({ created, failed: 0 });
        expect(dryDecision(dry)).toBe(decision);
        const real = await c.sync({ full: true });
        expect(real.counters).toMatchObject({ created, failed: 0, disabled: decision === 'disable' ? gone : 0 });
        expect(realDecision(real)).toBe(decision);
        if (decision === 'confirm') expect(real.pendingDisableTotal).toBe(gone);
        const active = (await c.users()).filter((u) => u.authSource === 'ldap' && u.status === 'active').length;
        expect(active).toBe(before + created - (decision === 'disable' ? gone : 0));
      } finally {
        await c.close();
      }
    },
  );
});
