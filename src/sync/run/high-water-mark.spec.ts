import { deltaClause, entryMark, formatMark, generalizedTimeMs, laterMark, latestMark, parseMark } from './high-water-mark.js';

const entry = (attributes: Record<string, string[]>) => ({ dn: 'cn=x', attributes, binary: {} });

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

describe('marks', () => {
  it('prefers AD uSNChanged over modifyTimestamp', () => {
    expect(entryMark(entry({ uSNChanged: ['12345'], modifyTimestamp: ['20260101000000.0Z'] }))).toEqual({ attribute: 'uSNChanged', value: '12345' });
    expect(entryMark(entry({ modifyTimestamp: ['20260101000000Z'] }))).toEqual({ attribute: 'modifyTimestamp', value: '20260101000000Z' });
    expect(entryMark(entry({}))).toBeUndefined();
  });
  it('keeps the later one, comparing numbers and times rather than text', () => {
    expect(laterMark({ attribute: 'uSNChanged', value: '999' }, { attribute: 'uSNChanged', value: '1000' })?.value).toBe('1000');
    expect(laterMark({ attribute: 'modifyTimestamp', value: '20260101000001Z' }, { attribute: 'modifyTimestamp', value: '20260101000000.9Z' })?.value).toBe('20260101000001Z');
    expect(laterMark(undefined, { attribute: 'uSNChanged', value: '1' })?.value).toBe('1');
  });
  it('takes the latest mark of a page, the current one included', () => {
    const page = ['20260101000002Z', '20260101000002Z', '20260101000003.0Z', '20260101000001Z'].map((stamp) => entry({ modifyTimestamp: [stamp] }));
    expect(latestMark(undefined, page)?.value).toBe('20260101000003.0Z');
    expect(latestMark({ attribute: 'modifyTimestamp', value: '20260101000004Z' }, page)?.value).toBe('20260101000004Z');
    expect(latestMark({ attribute: 'modifyTimestamp', value: '20260101000004Z' }, [])?.value).toBe('20260101000004Z');
    expect(latestMark(undefined, [entry({})])).toBeUndefined();
  });
  it('round-trips through the run record and becomes a filter clause', () => {
    const mark = { attribute: 'modifyTimestamp' as const, value: '20260101000000Z' };
    expect(parseMark(formatMark(mark))).toEqual(mark);
    expect(parseMark(null)).toBeUndefined();
    expect(deltaClause(mark)).toBe('(modifyTimestamp>=20260101000000Z)');
    expect(deltaClause({ attribute: 'uSNChanged', value: '77' })).toBe('(uSNChanged>=77)');
  });
});
