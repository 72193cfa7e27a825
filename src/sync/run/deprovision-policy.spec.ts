import { decideDeprovisioning } from './deprovision-policy.js';

const settings = { deprovision: 'disable' as const, maxDisablePercent: 10 };
const complete = { full: true, complete: true, entriesPerScope: [50, 50] };

describe('decideDeprovisioning', () => {
  it('disables up to maxDisablePercent', () => {
    expect(decideDeprovisioning(settings, complete, { gone: 10, knownBefore: 100 }, false)).toEqual({
      action: 'disable',
      percent: 10,
    });
  });
  it('asks for confirmation above it, unless forced', () => {
    expect(decideDeprovisioning(settings, complete, { gone: 11, knownBefore: 100 }, false)).toMatchObject({
      action: 'confirm',
    });
    expect(decideDeprovisioning(settings, complete, { gone: 11, knownBefore: 100 }, true)).toMatchObject({
      action: 'disable',
    });
  });
  it.each([
    ['deprovisioning is off', { deprovision: 'none' as const, maxDisablePercent: 10 }, complete],
    ['a delta', settings, { ...complete, full: false }],
    ['an incomplete pass (error, timeout, size limit)', settings, { ...complete, complete: false }],
    ['a scope that returned nothing', settings, { ...complete, entriesPerScope: [50, 0] }],
    ['no scopes at all', settings, { ...complete, entriesPerScope: [] }],
  ])('never after %s, even forced', (_what, s, pass) => {
    expect(decideDeprovisioning(s, pass, { gone: 1, knownBefore: 100 }, true)).toMatchObject({ action: 'skip' });
  });
});
