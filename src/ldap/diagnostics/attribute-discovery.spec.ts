import { proposeMapping, summariseAttributes } from './attribute-discovery.js';

const entry = (attributes: Record<string, string[]>, binary: Record<string, Buffer> = {}) => ({
  dn: 'cn=x',
  attributes,
  binary,
});

describe('summariseAttributes', () => {
  it('lists attributes present on only some entries, with counts and one example', () => {
    const list = summariseAttributes([
      entry({ mail: ['a@example.com'], sn: ['A'] }),
      entry({ sn: ['B'], title: ['Boss'] }),
    ]);
    expect(list).toEqual([
      { name: 'mail', example: 'a@example.com', entries: 1 },
      { name: 'sn', example: 'A', entries: 2 },
      { name: 'title', example: 'Boss', entries: 1 },
    ]);
  });

  it('marks binary values and cuts long ones', () => {
    const [guid, long] = summariseAttributes([
      entry({ description: ['x'.repeat(200)] }, { objectGUID: Buffer.alloc(16, 1) }),
    ]);
    expect(long.example).toMatch(/^binary \(16 bytes\): base64:AQEB/);
    expect(guid.example).toMatch(/… \(200 characters\)$/);
  });
});

describe('proposeMapping', () => {
  it('proposes the AD names', () => {
    const attrs = ['mail', 'givenName', 'sn', 'title', 'telephoneNumber', 'userPrincipalName'].map((name) => ({
      name,
      example: '',
      entries: 1,
    }));
    expect(proposeMapping(attrs)).toEqual({
      email: 'mail',
      firstName: 'givenName',
      lastName: 'sn',
      jobTitle: 'title',
      phone: 'telephoneNumber',
    });
  });
  it('falls back to userPrincipalName and mobile, and keeps the server case', () => {
    const attrs = ['userprincipalname', 'mobile'].map((name) => ({ name, example: '', entries: 1 }));
    expect(proposeMapping(attrs)).toEqual({ email: 'userprincipalname', phone: 'mobile' });
  });
});
