import { SeenIds } from './seen-ids.js';

describe('SeenIds', () => {
  it('remembers ids, grows as needed and counts each once', () => {
    const seen = new SeenIds();
    for (const id of [1, 8, 100_000, 8]) seen.add(id);
    expect([1, 8, 100_000].every((id) => seen.has(id))).toBe(true);
    expect([0, 2, 9, 99_999, 100_001, 10_000_000].some((id) => seen.has(id))).toBe(false);
    expect(seen.size).toBe(3);
  });
});
