import { mapPages, readAhead } from './pages.js';

/** A source of `count` pages that records how many pages were asked for. */
function counted(count: number): { pages: AsyncGenerator<number, void, undefined>; asked: () => number } {
  let asked = 0;
  async function* pages(): AsyncGenerator<number, void, undefined> {
    for (let page = 1; page <= count; page += 1) {
      asked += 1;
      await Promise.resolve();
      yield page;
    }
  }
  return { pages: pages(), asked: () => asked };
}

/** Lets every pending promise callback run (the source's pages resolve within a few turns). */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i += 1) await new Promise((resolve) => setImmediate(resolve));
}

describe('readAhead', () => {
  it('reads at most one page ahead of the page the consumer holds, however long it holds it', async () => {
    const source = counted(50);
    const aheadSeen: number[] = [];
    for await (const page of readAhead(source.pages)) {
      // a slow writer: the reader gets every chance to run ahead while this page is held
      await settle();
      aheadSeen.push(source.asked() - page);
    }
    expect(aheadSeen).toHaveLength(50);
    expect(Math.max(...aheadSeen)).toBe(1);
  });

  it('closes the source when the consumer stops early', async () => {
    const source = counted(10);
    const seen: number[] = [];
    for await (const page of readAhead(source.pages)) {
      seen.push(page);
      if (page === 3) break;
    }
    expect(seen).toEqual([1, 2, 3]);
    expect(source.asked()).toBe(4);
    expect(await source.pages.next()).toEqual({ done: true, value: undefined });
  });
});

describe('mapPages', () => {
  it('maps each page in order and asks for no page before its turn', async () => {
    const source = counted(5);
    const out: string[] = [];
    for await (const mapped of mapPages(source.pages, (page) => `page ${page}`)) {
      await settle();
      expect(source.asked()).toBe(out.length + 1);
      out.push(mapped);
    }
    expect(out).toEqual(['page 1', 'page 2', 'page 3', 'page 4', 'page 5']);
  });
});
