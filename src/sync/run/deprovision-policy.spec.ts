import { decideDeprovisioning } from './deprovision-policy.js';

const settings = { deprovision: 'disable' as const, maxDisablePercent: 10 };
const complete = { full: true, complete: true, entriesPerScope: [50, 50] };

describe('decideDeprovisioning', () => {
  it('disables up to maxDisablePercent', () => {
    expect(decideDeprovisioning(settings, complete, { gone: 10, inDirectory: 0, knownBefore: 100 }, false)).toEqual({
      action: 'disable',
      percent: 10,
    });
  });
  it('asks for confirmation above it, unless forced', () => {
    expect(
      decideDeprovisioning(settings, complete, { gone: 11, inDirectory: 0, knownBefore: 100 }, false),
    ).toMatchObject({
      action: 'confirm',
    });
    expect(
      decideDeprovisioning(settings, complete, { gone: 11, inDirectory: 0, knownBefore: 100 }, true),
    ).toMatchObject({
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
    expect(decideDeprovisioning(s, pass, { gone: 1, inDirectory: 0, knownBefore: 100 }, true)).toMatchObject({
      action: 'skip',
    });
  });
  it('after an incomplete pass, disables those it read turned off in the directory, never those gone', () => {
    const pass = { ...complete, complete: false };
    expect(decideDeprovisioning(settings, pass, { gone: 50, inDirectory: 1, knownBefore: 100 }, false)).toEqual({
      action: 'disable',
      percent: 1,
    });
    expect(decideDeprovisioning(settings, pass, { gone: 50, inDirectory: 0, knownBefore: 100 }, true)).toEqual({
      action: 'skip',
      reason: 'the directory pass did not complete',
    });
    expect(
      decideDeprovisioning(settings, { ...pass, full: false }, { gone: 0, inDirectory: 1, knownBefore: 100 }, false),
    ).toEqual({ action: 'disable', percent: 1 });
  });
  it('brakes them after an incomplete pass on the same base: the part trips it only where the whole would', () => {
    const pass = { ...complete, complete: false };
    expect(decideDeprovisioning(settings, pass, { gone: 0, inDirectory: 11, knownBefore: 100 }, false)).toEqual({
      action: 'confirm',
      percent: 11,
    });
    expect(decideDeprovisioning(settings, pass, { gone: 0, inDirectory: 11, knownBefore: 100 }, true)).toEqual({
      action: 'disable',
      percent: 11,
    });
  });
  it('counts users turned off in the directory with those gone', () => {
    expect(decideDeprovisioning(settings, complete, { gone: 6, inDirectory: 5, knownBefore: 100 }, false)).toEqual({
      action: 'confirm',
      percent: 11,
    });
    expect(decideDeprovisioning(settings, complete, { gone: 0, inDirectory: 30, knownBefore: 100 }, false)).toEqual({
      action: 'confirm',
      percent: 30,
    });
    expect(decideDeprovisioning(settings, complete, { gone: 0, inDirectory: 30, knownBefore: 100 }, true)).toEqual({
      action: 'disable',
      percent: 30,
    });
  });
  it.each([
    ['deprovisioning is off', { deprovision: 'none' as const, maxDisablePercent: 10 }, complete],
    ['a delta', settings, { ...complete, full: false }],
  ])('still brakes users turned off in the directory after %s, where those gone do not count', (_what, s, pass) => {
    const counts = { gone: 50, inDirectory: 11, knownBefore: 100 };
    expect(decideDeprovisioning(s, pass, counts, false)).toEqual({ action: 'confirm', percent: 11 });
    expect(decideDeprovisioning(s, pass, { ...counts, inDirectory: 10 }, false)).toEqual({
      action: 'disable',
      percent: 10,
    });
  });

  it('measures those gone against the LDAP users, all it would disable against every user tied to an entry', () => {
    // a wrong filter hides 90 of 100 LDAP users; 900 SSO users tied to entries do not dilute it
    expect(
      decideDeprovisioning(
        settings,
        complete,
        { gone: 90, inDirectory: 0, knownBefore: 100, linkedBefore: 1000 },
        false,
      ),
    ).toEqual({ action: 'confirm', percent: 90 });
    // 1 SSO user locked in the directory, of 10 such users and no LDAP user: 10 %
    expect(
      decideDeprovisioning(settings, complete, { gone: 0, inDirectory: 1, knownBefore: 0, linkedBefore: 10 }, false),
    ).toEqual({ action: 'disable', percent: 10 });
    // the larger share decides: 5 gone of 100 LDAP users, 60 locked of 1000 tied users
    expect(
      decideDeprovisioning(
        settings,
        complete,
        { gone: 5, inDirectory: 60, knownBefore: 100, linkedBefore: 1000 },
        false,
      ),
    ).toEqual({ action: 'disable', percent: 6.5 });
  });
});
