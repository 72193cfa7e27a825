import {
  deltaClause,
  formatMark,
  generalizedTimeMs,
  oldestCsnTime,
  markFitsServer,
  parseMark,
  serverTag,
  wholeSeconds,
} from './high-water-mark.js';

describe('generalizedTimeMs', () => {
  it.each([
    ['20261126115740Z', Date.UTC(2026, 10, 26, 11, 57, 40)],
    ['20261126115740.5Z', Date.UTC(2026, 10, 26, 11, 57, 40, 500)],
    ['20261126115740.0Z', Date.UTC(2026, 10, 26, 11, 57, 40)],
    ['20261126125740+0100', Date.UTC(2026, 10, 26, 11, 57, 40)],
    ['202611261157Z', Date.UTC(2026, 10, 26, 11, 57, 0)],
  ])('%s', (value, expected) => {
    expect(generalizedTimeMs(value)).toBe(expected);
  });
  it('refuses what is not a GeneralizedTime', () => {
    expect(generalizedTimeMs('yesterday')).toBeUndefined();
  });
});

describe('server marks', () => {
  it('cuts a time to whole seconds in UTC, never rounding up into the next second', () => {
    expect(wholeSeconds('20261130185717.999999Z')).toBe('20261130185717Z');
    expect(wholeSeconds('20261130195717.9+0100')).toBe('20261130185717Z');
    expect(wholeSeconds('20261130185717Z')).toBe('20261130185717Z');
    expect(wholeSeconds('not a time')).toBeUndefined();
    expect(wholeSeconds(undefined)).toBeUndefined();
  });
  it('takes the oldest provider CSN of a contextCSN, as whole seconds', () => {
    expect(oldestCsnTime(['20261130185717.382265Z#000000#000#000000'])).toBe('20261130185717Z');
    expect(oldestCsnTime(['20261130185717.1Z#000000#002#000000', '20261129080000.5Z#000003#001#000000'])).toBe(
      '20261129080000Z',
    );
    expect(oldestCsnTime(['garbage'])).toBeUndefined();
    expect(oldestCsnTime([])).toBeUndefined();
  });
  it('round-trips through the run record and becomes a >= filter clause', () => {
    const mark = { attribute: 'modifyTimestamp' as const, value: '20260101000000Z' };
    expect(parseMark(formatMark(mark))).toEqual(mark);
    expect(parseMark(null)).toBeUndefined();
    expect(parseMark('uSNChangedX')).toBeUndefined();
    expect(parseMark('entryCSN:1')).toBeUndefined();
    expect(deltaClause(mark)).toBe('(modifyTimestamp>=20260101000000Z)');
    expect(deltaClause({ attribute: 'uSNChanged', value: '77' })).toBe('(uSNChanged>=77)');
  });
  it('names the server of a per-server counter, and fits only that server', () => {
    const mark = { attribute: 'uSNChanged' as const, value: '12345', server: serverTag('DC1.example.com:389') };
    expect(formatMark(mark)).toMatch(/^uSNChanged:12345@[0-9a-f]{8}$/);
    expect(formatMark(mark)!.length).toBeLessThanOrEqual(64);
    expect(parseMark(formatMark(mark))).toEqual(mark);
    expect(markFitsServer(mark, 'dc1.example.com:389')).toBe(true);
    expect(markFitsServer(mark, 'dc2.example.com:389')).toBe(false);
    expect(markFitsServer(mark, 'dc1.example.com:636')).toBe(false);
    // stored before marks named their server: taken as it always was
    expect(markFitsServer({ attribute: 'uSNChanged', value: '1' }, 'dc2.example.com:389')).toBe(true);
    expect(parseMark('uSNChanged:1@nothex!!')).toBeUndefined();
    expect(parseMark('uSNChanged:@0123abcd')).toBeUndefined();
  });
});
