import type { MailboxEntity } from './entities/mailbox.entity.js';
import { MAILBOX_FILTERS_TTL_MS, MailboxFilterCache } from './mailbox-filter-cache.js';
import type { MailboxesRepository } from './mailboxes.repository.js';

/** A repository whose reads are counted and answered by the test, one at a time. */
function repository() {
  const pending: { resolve(v: MailboxEntity[]): void; reject(e: unknown): void }[] = [];
  const repo = {
    reads: 0,
    listWithFilter: () => {
      repo.reads += 1;
      return new Promise<MailboxEntity[]>((resolve, reject) => pending.push({ resolve, reject }));
    },
  };
  const answer = (names: string[]) =>
    pending.shift()!.resolve(names.map((name, id) => ({ id, name, ldapFilter: '(x=y)' }) as MailboxEntity));
  const fail = () => pending.shift()!.reject(new Error('database down'));
  return { repo, answer, fail, cache: new MailboxFilterCache(repo as unknown as MailboxesRepository) };
}

const names = async (list: Promise<MailboxEntity[]>) => (await list).map((m) => m.name);

describe('MailboxFilterCache', () => {
  it('reads once per TTL, however many sign-ins ask', async () => {
    const { repo, answer, cache } = repository();
    const first = cache.listWithFilter(0);
    const second = cache.listWithFilter(10);
    answer(['Support']);
    expect(await names(first)).toEqual(['Support']);
    expect(await names(second)).toEqual(['Support']);
    expect(await names(cache.listWithFilter(MAILBOX_FILTERS_TTL_MS - 1))).toEqual(['Support']);
    expect(repo.reads).toBe(1);
    const later = cache.listWithFilter(MAILBOX_FILTERS_TTL_MS);
    answer(['Support', 'Sales']);
    expect(await names(later)).toEqual(['Support', 'Sales']);
    expect(repo.reads).toBe(2);
  });

  it('a change through this instance is seen by the next read, also when a read was in flight', async () => {
    const { repo, answer, cache } = repository();
    const before = cache.listWithFilter(0);
    cache.invalidate();
    answer(['Old']);
    expect(await names(before)).toEqual(['Old']);
    const after = cache.listWithFilter(1);
    answer(['New']);
    expect(await names(after)).toEqual(['New']);
    expect(repo.reads).toBe(2);
  });

  it('a failed read is not kept', async () => {
    const { repo, answer, fail, cache } = repository();
    const failed = cache.listWithFilter(0);
    fail();
    await expect(failed).rejects.toThrow('database down');
    const retried = cache.listWithFilter(1);
    answer(['Support']);
    expect(await names(retried)).toEqual(['Support']);
    expect(repo.reads).toBe(2);
  });
});
