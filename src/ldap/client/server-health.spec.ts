import { LdapError } from '../ldap.error.js';
import {
  BACK_OFF_MAX_MS,
  BACK_OFF_START_MS,
  backOffMs,
  ServerHealth,
  type ServerHealthEvent,
} from './server-health.js';

const timeout = new LdapError('TIMEOUT', 'the directory server did not answer in time', { detail: 'no answer' });

function healthWithClock() {
  const clock = { now: 1_000_000 };
  const health = new ServerHealth(() => clock.now);
  const events: ServerHealthEvent[] = [];
  health.subscribe((event) => events.push(event));
  return { clock, health, events };
}

describe('ServerHealth', () => {
  it('doubles the back-off from 10 s up to 5 min', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 40].map(backOffMs)).toEqual([
      10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000, 300_000, 300_000,
    ]);
    expect(BACK_OFF_START_MS).toBe(10_000);
    expect(BACK_OFF_MAX_MS).toBe(300_000);
  });

  it('keeps callers away from a failed server until its back-off ends, then lets one caller retry it', () => {
    const { clock, health, events } = healthWithClock();
    expect(health.claim('a:389')).toBe(true);
    health.failed('a:389', timeout);
    expect(events).toEqual([{ kind: 'down', server: 'a:389', reason: 'TIMEOUT: no answer', backOffMs: 10_000 }]);
    expect(health.isDown('a:389')).toBe(true);
    expect(health.claim('a:389')).toBe(false);
    clock.now += 9_999;
    expect(health.claim('a:389')).toBe(false);
    expect(health.wouldTry('a:389')).toBe(false);
    clock.now += 1;
    expect(health.wouldTry('a:389')).toBe(true);
    expect(health.claim('a:389')).toBe(true);
    // the retry is in flight: nobody else waits on it
    expect(health.claim('a:389')).toBe(false);
    expect(health.wouldTry('a:389')).toBe(false);
    expect(health.isDown('a:389')).toBe(true);
  });

  it('doubles the back-off at each failed retry and resets it when the server answers', () => {
    const { clock, health, events } = healthWithClock();
    health.failed('a:389', timeout);
    for (const expected of [20_000, 40_000, 80_000]) {
      clock.now += backOffMs(events.length);
      expect(health.claim('a:389')).toBe(true);
      health.failed('a:389', timeout);
      expect(events.at(-1)).toMatchObject({ kind: 'still-down', backOffMs: expected });
    }
    clock.now += 80_000;
    expect(health.claim('a:389')).toBe(true);
    health.succeeded('a:389');
    expect(events.at(-1)).toEqual({ kind: 'up', server: 'a:389', downForMs: 10_000 + 20_000 + 40_000 + 80_000 });
    expect(health.isDown('a:389')).toBe(false);
    expect(health.claim('a:389')).toBe(true);
    // a new failure starts again at 10 s
    health.failed('a:389', timeout);
    expect(events.at(-1)).toMatchObject({ kind: 'down', backOffMs: 10_000 });
  });

  it('tells each change once: failures of requests already under way and successes of a server that is up say nothing', () => {
    const { health, events } = healthWithClock();
    health.succeeded('a:389');
    health.failed('a:389', timeout);
    health.failed('a:389', timeout);
    health.failed('a:389', new Error('socket hang up'));
    expect(events).toHaveLength(1);
    health.succeeded('a:389');
    health.succeeded('a:389');
    expect(events.map((e) => e.kind)).toEqual(['down', 'up']);
  });

  it('keeps servers apart by host:port', () => {
    const { health } = healthWithClock();
    health.failed('a:389', timeout);
    expect(health.isDown('a:389')).toBe(true);
    expect(health.isDown('a:636')).toBe(false);
    expect(health.claim('b:389')).toBe(true);
  });

  it('lets another caller retry when the one that claimed the retry gave up before trying', () => {
    const { clock, health } = healthWithClock();
    health.failed('a:389', timeout);
    clock.now += 10_000;
    expect(health.claim('a:389')).toBe(true);
    health.unclaim('a:389');
    expect(health.claim('a:389')).toBe(true);
  });

  it('stops telling a listener once it unsubscribed', () => {
    const { health, events } = healthWithClock();
    const seen: ServerHealthEvent[] = [];
    const stop = health.subscribe((event) => seen.push(event));
    stop();
    health.failed('a:389', timeout);
    expect(seen).toEqual([]);
    expect(events).toHaveLength(1);
  });
});
