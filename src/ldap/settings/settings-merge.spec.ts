import { LdapSettingsDto } from './dto/ldap-settings.dto.js';
import { DEFAULT_LDAP_SETTINGS, LdapSettings } from './ldap-settings.types.js';
import { failedFields, mergeSettings, mergeSettingsChecked, SettingsValidationError } from './settings-merge.js';

type Target = Pick<LdapSettings, 'host' | 'port' | 'encryption'>;

const stored = (target: Target): LdapSettings => ({
  ...DEFAULT_LDAP_SETTINGS,
  ...target,
  caCertificate: '-----BEGIN CERTIFICATE-----',
});
const STARTTLS: Target = { host: 'localhost', port: 39389, encryption: 'starttls' };
const STARTTLS_389: Target = { host: 'ldap.example.com', port: 389, encryption: 'starttls' };
const SSL_636: Target = { host: 'ldap.example.com', port: 636, encryption: 'ssl' };
const SSL_3269: Target = { host: 'dc1.example.com', port: 3269, encryption: 'ssl' };
const PLAIN_389: Target = { host: 'ldap.example.com', port: 389, encryption: 'none' };

describe('mergeSettings: a request changes what it states and nothing else', () => {
  it.each<[string, Target, Partial<LdapSettingsDto>, Target, RegExp | null]>([
    // The case: an ldap:// URL does not say "no StartTLS".
    ['ldap:// URL keeps starttls', STARTTLS, { host: 'ldap://localhost:39389' }, STARTTLS, /encryption starttls kept/],
    [
      'ldap:// URL without a port keeps port and starttls',
      STARTTLS,
      { host: 'ldap://localhost' },
      STARTTLS,
      /port 39389 kept/,
    ],
    [
      'ldap:// URL to another host keeps the rest',
      STARTTLS,
      { host: 'ldap://ldap2.example.com' },
      { ...STARTTLS, host: 'ldap2.example.com' },
      null,
    ],
    [
      'ldap:// URL with its own port takes that port',
      STARTTLS,
      { host: 'ldap://localhost:10389' },
      { ...STARTTLS, port: 10389 },
      null,
    ],
    ['ldap:// URL on a plain install stays plain', PLAIN_389, { host: 'ldap://ldap.example.com' }, PLAIN_389, null],
    [
      'ldap:// URL over ssl becomes starttls, never plain',
      SSL_636,
      { host: 'ldap://ldap.example.com' },
      { ...SSL_636, encryption: 'starttls', port: 389 },
      /starttls instead of ssl/,
    ],
    [
      'ldap:// URL over ssl on a custom port keeps the port',
      SSL_3269,
      { host: 'ldap://dc1.example.com' },
      { ...SSL_3269, encryption: 'starttls' },
      /port 3269 kept/,
    ],
    // ldaps:// states SSL; its default port follows only from a default port.
    ['ldaps:// URL without a port moves 389 to 636', STARTTLS_389, { host: 'ldaps://ldap.example.com' }, SSL_636, null],
    [
      'ldaps:// URL without a port keeps a custom port',
      STARTTLS,
      { host: 'ldaps://localhost' },
      { ...STARTTLS, encryption: 'ssl' },
      /port 39389 kept although the default for encryption ssl is 636/,
    ],
    [
      'ldaps:// URL with a port takes it',
      STARTTLS,
      { host: 'ldaps://localhost:39636' },
      { host: 'localhost', port: 39636, encryption: 'ssl' },
      null,
    ],
    [
      'ldaps:// URL wins over a form default none',
      PLAIN_389,
      { host: 'ldaps://ldap.example.com', encryption: 'none' },
      SSL_636,
      null,
    ],
    // Plain host names and host:port.
    [
      'a plain host keeps port and encryption',
      STARTTLS,
      { host: 'ldap2.example.com' },
      { ...STARTTLS, host: 'ldap2.example.com' },
      /port 39389 kept/,
    ],
    [
      'host:port takes the port and keeps encryption',
      SSL_636,
      { host: 'ldap.example.com:1636' },
      { ...SSL_636, port: 1636 },
      null,
    ],
    ['the port field alone changes the port', STARTTLS, { port: 10389 }, { ...STARTTLS, port: 10389 }, null],
    // Encryption changes only when stated; lowering it is the admin's explicit choice and is noted.
    ['encryption ssl moves a default port', STARTTLS_389, { encryption: 'ssl' }, SSL_636, null],
    ['encryption starttls from ssl moves 636 back to 389', SSL_636, { encryption: 'starttls' }, STARTTLS_389, null],
    [
      'encryption none keeps a starttls port',
      STARTTLS,
      { encryption: 'none' },
      { ...STARTTLS, encryption: 'none' },
      /clear text/,
    ],
    [
      'encryption none with an ldap:// URL is plain',
      STARTTLS,
      { host: 'ldap://localhost', encryption: 'none' },
      { ...STARTTLS, encryption: 'none' },
      /clear text/,
    ],
    [
      'encryption and port together',
      SSL_636,
      { encryption: 'starttls', port: 10389 },
      { ...SSL_636, encryption: 'starttls', port: 10389 },
      null,
    ],
  ])('%s', (_name, before, request, after, note) => {
    const { settings, notes } = mergeSettings(stored(before), request as LdapSettingsDto);
    expect({ host: settings.host, port: settings.port, encryption: settings.encryption }).toEqual(after);
    expect(settings.caCertificate).toBe('-----BEGIN CERTIFICATE-----');
    if (note !== null) expect(notes.join('\n')).toMatch(note);
  });

  it('never lowers encryption unless the request sets it', () => {
    const hosts = [
      'localhost',
      'localhost:39389',
      'ldap://localhost',
      'ldap://localhost:39389',
      'ldaps://localhost',
      '[::1]',
      'ldap://[::1]:389',
    ];
    for (const before of [STARTTLS, SSL_636, STARTTLS_389]) {
      for (const host of hosts) {
        for (const port of [undefined, 389, 39389]) {
          let merged: LdapSettings;
          try {
            merged = mergeSettings(stored(before), { host, port } as LdapSettingsDto).settings;
          } catch {
            continue; // a port field that contradicts the URL is refused, which lowers nothing
          }
          expect([before.encryption, 'ssl', 'starttls']).toContain(merged.encryption);
        }
      }
    }
  });

  it('refuses what contradicts itself', () => {
    expect(() =>
      mergeSettings(stored(STARTTLS), { host: 'ldap://localhost', encryption: 'ssl' } as LdapSettingsDto),
    ).toThrow('ldap:// is not SSL');
    expect(() =>
      mergeSettings(stored(SSL_636), { host: 'ldaps://localhost', encryption: 'starttls' } as LdapSettingsDto),
    ).toThrow('cannot be combined with StartTLS');
    expect(() =>
      mergeSettings(stored(STARTTLS), { host: 'ldap://localhost:389', port: 39389 } as LdapSettingsDto),
    ).toThrow('differs from the port field');
  });

  it('leaves host, port and encryption alone when the request names none of them', () => {
    const { settings, notes } = mergeSettings(stored(STARTTLS), { timeoutMs: 3000 } as LdapSettingsDto);
    expect(settings).toMatchObject({ ...STARTTLS, timeoutMs: 3000 });
    expect(notes).toEqual([]);
  });

  it('fills defaults on a first save', () => {
    expect(
      mergeSettings(DEFAULT_LDAP_SETTINGS, { host: 'ldap.example.com' } as LdapSettingsDto).settings,
    ).toMatchObject(STARTTLS_389);
    expect(
      mergeSettings(DEFAULT_LDAP_SETTINGS, { host: 'ldaps://ldap.example.com' } as LdapSettingsDto).settings,
    ).toMatchObject(SSL_636);
  });
});

describe("mergeSettings: backup servers share the first server's encryption", () => {
  const backups = (list: { host: string; port?: number }[]) => ({ backupServers: list }) as LdapSettingsDto;

  it("takes host names, host:port and URLs, with the encryption's default port", () => {
    const { settings } = mergeSettings(
      stored(STARTTLS_389),
      backups([{ host: 'dc2.example.com' }, { host: 'dc3.example.com:3389' }, { host: 'ldap://dc4.example.com' }]),
    );
    expect(settings.backupServers).toEqual([
      { host: 'dc2.example.com', port: 389 },
      { host: 'dc3.example.com', port: 3389 },
      { host: 'dc4.example.com', port: 389 },
    ]);
  });

  it.each([
    ['an ldaps:// URL when the servers use starttls', STARTTLS_389, 'ldaps://dc2.example.com', /already encrypted/],
    [
      'an ldaps:// URL when the servers use none',
      PLAIN_389,
      'ldaps://dc2.example.com',
      /every server uses encryption none/,
    ],
    ['an ldap:// URL when the servers use ssl', SSL_636, 'ldap://dc2.example.com', /ldap:\/\/ is not SSL/],
    ['the first server again', STARTTLS_389, 'LDAP.example.com:389', /listed twice/],
    ['a host with a space', STARTTLS_389, 'dc2 example', /must not contain spaces/],
  ])('refuses %s, naming the row', (_name, target, host, message) => {
    expect(() => mergeSettings(stored(target), backups([{ host }]))).toThrow(/^backupServers\.0\.host: /);
    expect(() => mergeSettings(stored(target), backups([{ host }]))).toThrow(message);
  });

  it('moves a backup at the old default port when the encryption changes, and keeps a custom port', () => {
    const current = {
      ...stored(STARTTLS_389),
      backupServers: [
        { host: 'dc2.example.com', port: 389 },
        { host: 'dc3.example.com', port: 3389 },
      ],
    };
    const { settings } = mergeSettings(current, { encryption: 'ssl', port: 636 } as LdapSettingsDto);
    expect(settings.backupServers).toEqual([
      { host: 'dc2.example.com', port: 636 },
      { host: 'dc3.example.com', port: 3389 },
    ]);
  });

  it('stores the SRV domain in lower case without a trailing dot, and an empty one as off', () => {
    expect(
      mergeSettings(stored(STARTTLS_389), { srvDomain: 'Corp.Example.COM.' } as LdapSettingsDto).settings.srvDomain,
    ).toBe('corp.example.com');
    expect(
      mergeSettings({ ...stored(STARTTLS_389), srvDomain: 'x.test' }, { srvDomain: '' } as LdapSettingsDto).settings
        .srvDomain,
    ).toBeNull();
  });

  it('takes an empty host when an SRV domain names the servers, and refuses it without one', () => {
    const enabled = {
      ...stored(STARTTLS_389),
      enabled: true,
      searchScopes: [{ dn: 'dc=x', filter: '(uid=*)' }],
      bindDn: 'dc=x',
    };
    const { settings } = mergeSettings(enabled, { host: '', srvDomain: 'corp.example.com' } as LdapSettingsDto);
    expect(settings).toMatchObject({ host: '', srvDomain: 'corp.example.com' });
    expect(() => mergeSettings(enabled, { host: '' } as LdapSettingsDto)).toThrow(SettingsValidationError);
  });
});

describe('mergeSettings: the SSO headers', () => {
  const sso = (over: object) => ({ sso: over }) as LdapSettingsDto;

  it.each([
    'cookie',
    'Authorization',
    'proxy-authorization',
    'host',
    'x-forwarded-for',
    'sec-fetch-site',
    'x-request-id',
  ])('refuses %s as the user header or the secret header', (name) => {
    expect(() => mergeSettings(stored(STARTTLS_389), sso({ header: name }))).toThrow(/^sso\.header: .* set themselves/);
    expect(() => mergeSettings(stored(STARTTLS_389), sso({ secretHeader: name }))).toThrow(/^sso\.secretHeader: /);
  });

  it('takes a proxy header, and refuses the same header for the user and the secret', () => {
    expect(mergeSettings(stored(STARTTLS_389), sso({ header: 'X-Remote-User' })).settings.sso.header).toBe(
      'X-Remote-User',
    );
    expect(() =>
      mergeSettings(stored(STARTTLS_389), sso({ header: 'x-remote-user', secretHeader: 'X-Remote-User' })),
    ).toThrow('sso.secretHeader must differ from sso.header');
  });
});

describe('mergeSettingsChecked: no rule runs on a field that failed its own check', () => {
  const enabledEmpty: LdapSettings = { ...DEFAULT_LDAP_SETTINGS, enabled: true };

  it.each<[string, string[], Partial<LdapSettingsDto>, string[]]>([
    [
      'nothing failed: every rule speaks',
      [],
      {},
      ['host (or srvDomain)', 'searchScopes needs', 'bindDn (or bindUsername)'],
    ],
    ['host failed: no "host is required"', ['host'], {}, ['searchScopes needs', 'bindDn (or bindUsername)']],
    ['an item of searchScopes failed', ['searchScopes'], {}, ['host (or srvDomain)', 'bindDn (or bindUsername)']],
    ['enabled failed: no rule of enabled settings', ['enabled'], {}, []],
    [
      'bindDn failed: the bind identity is not checked',
      ['bindDn'],
      { bindUsername: 'svc' },
      ['host (or srvDomain)', 'searchScopes needs'],
    ],
    [
      'sso.trustedProxies failed',
      ['sso.trustedProxies'],
      { sso: { enabled: true } },
      ['host (or srvDomain)', 'searchScopes needs', 'bindDn (or bindUsername)'],
    ],
    [
      'sso failed as a whole',
      ['sso'],
      { sso: { enabled: true } },
      ['host (or srvDomain)', 'searchScopes needs', 'bindDn (or bindUsername)'],
    ],
  ])('%s', (_name, failed, dto, expected) => {
    const { errors } = mergeSettingsChecked(enabledEmpty, dto as LdapSettingsDto, failedFields(failed));
    expect(errors.map((e) => expected.find((start) => e.startsWith(start)) ?? e)).toEqual(expected);
  });

  it('reports the host rule and the SSO rules of one request together', () => {
    const { errors } = mergeSettingsChecked(
      stored(STARTTLS_389),
      { host: 'dc1:389:1', sso: { trustedProxies: ['0.0.0.0/0'] } } as LdapSettingsDto,
      failedFields(['port']),
    );
    expect(errors).toEqual([expect.stringMatching(/^sso\.trustedProxies: together these would trust every address/)]);
    const all = mergeSettingsChecked(
      stored(STARTTLS_389),
      { host: 'dc1:389:1', sso: { trustedProxies: ['0.0.0.0/0'] } } as LdapSettingsDto,
      failedFields([]),
    );
    expect(all.errors).toEqual([
      expect.stringMatching(/^dc1:389:1 is not a host: host must be a host name or address, optionally with :port/),
      expect.stringMatching(/^sso\.trustedProxies: /),
    ]);
  });
});
