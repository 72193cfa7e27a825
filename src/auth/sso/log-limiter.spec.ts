import { LogLimiter } from './log-limiter.js';
import { RecentIdentities } from './recent-identities.js';

describe('LogLimiter', () => {
  it('writes one line per key per window and says how many it held back', () => {
    const limiter = new LogLimiter(60_000, 100);
    expect(limiter.allow('127.0.0.2', 0)).toEqual({ heldBack: 0 });
    for (let i = 1; i <= 500; i += 1) expect(limiter.allow('127.0.0.2', i)).toBeNull();
    expect(limiter.allow('127.0.0.3', 600)).toEqual({ heldBack: 500 });
    expect(limiter.allow('127.0.0.2', 60_000)).toEqual({ heldBack: 0 });
  });

  it('caps the lines of a window across keys, so many source addresses cannot flood the log either', () => {
    const limiter = new LogLimiter(60_000, 3);
    const written = Array.from({ length: 1000 }, (_, i) => limiter.allow(`2001:db8::${i.toString(16)}`, i)).filter(
      Boolean,
    );
    expect(written).toHaveLength(3);
    expect(limiter.allow('2001:db8::ffff', 61_000)).toEqual({ heldBack: 997 });
  });
});

describe('RecentIdentities', () => {
  it('remembers a login for a while, then forgets it', () => {
    const recent = new RecentIdentities(1000, 10);
    recent.remember('alice', 7, 0);
    expect(recent.userOf('alice', 999)).toBe(7);
    expect(recent.userOf('alice', 1000)).toBeUndefined();
  });

  it('keeps at most maxEntries, dropping the oldest', () => {
    const recent = new RecentIdentities(60_000, 2);
    recent.remember('a', 1, 0);
    recent.remember('b', 2, 0);
    recent.remember('c', 3, 0);
    expect([recent.userOf('a', 1), recent.userOf('b', 1), recent.userOf('c', 1)]).toEqual([undefined, 2, 3]);
  });
});
