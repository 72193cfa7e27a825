import { MAX_PARAMETERS } from '../../src/database/multi-row-insert.js';
import { LdapLogRepository } from '../../src/logs/ldap-log.repository.js';
import { startTestApp } from '../support/app.js';
import { testDatabases } from '../support/databases.js';

// multiRowInserts on the real databases: a write of more rows than one statement's placeholders
// take lands whole and in order, every value as the ORM reads it back.
describe.each(testDatabases())('multi-row INSERTs on $name', (db) => {
  it('writes more rows than one statement holds, in order, values converted', async () => {
    const t = await startTestApp(await db.url());
    try {
      const logs = t.app.get(LdapLogRepository);
      const count = Math.floor(MAX_PARAMETERS[db.name === 'sqlite' ? 'sqlite' : 'mysql'] / 7) + 5;
      const createdAt = new Date('2026-03-04T05:06:07Z');
      await logs.insert(
        Array.from({ length: count }, (_, i) => ({
          createdAt,
          level: 'info' as const,
          event: 'test.bulk',
          message: `line ${i}`,
          runId: null,
          actor: i === count - 2 ? `it's "quoted"` : null,
          details: i === count - 1 ? JSON.stringify({ last: true }) : null,
        })),
      );
      const { items, total } = await logs.find({ event: 'test.bulk', page: 1, pageSize: 3 });
      expect(total).toBe(count);
      expect(items.map((i) => i.message)).toEqual([count - 1, count - 2, count - 3].map((i) => `line ${i}`));
      expect(items[0]).toMatchObject({ createdAt, details: '{"last":true}', actor: null });
      expect(items[1]).toMatchObject({ createdAt, details: null, actor: `it's "quoted"` });
    } finally {
      await t.close();
    }
  });
});
