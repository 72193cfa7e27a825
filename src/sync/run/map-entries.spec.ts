import { inDnOrder } from './map-entries.js';

describe('inDnOrder', () => {
  it('orders case-insensitively', () => {
    const dns = ['uid=b,o=x', 'UID=a,o=x', 'uid=c,o=x'].map((dn) => ({
      kind: 'skip' as const,
      dn,
      uid: null,
      reason: 'no email attribute' as const,
      detail: '',
    }));
    expect(inDnOrder(dns).map((c) => c.dn)).toEqual(['UID=a,o=x', 'uid=b,o=x', 'uid=c,o=x']);
  });
});
