import { LdapConnection } from '../../src/ldap/client/ldap-connection.js';
import { attr, attrs, binaryAttr } from '../../src/ldap/client/directory-entry.js';
import { escapeFilterValue } from '../../src/ldap/syntax/escape.js';
import { LdapError } from '../../src/ldap/ldap.error.js';
import type { Encryption, LdapConnectionSettings } from '../../src/ldap/settings/ldap-settings.types.js';
import { FIXTURE_USERS, OUS } from '../directories/fixtures.js';
import { OpenLdapServer, startOpenLdap } from '../directories/openldap.js';
import { tlsMaterial } from '../directories/tls.js';
import { freePort } from '../support/free-port.js';
import { eventually, settingsFor, settledAccessLog, sleep, startSilentServer } from './support/client-harness.js';

const ENCRYPTIONS: Encryption[] = ['none', 'ssl', 'starttls'];
const TLS_ENCRYPTIONS: Encryption[] = ['ssl', 'starttls'];

async function withConnection<T>(
  settings: LdapConnectionSettings,
  use: (connection: LdapConnection) => Promise<T>,
): Promise<T> {
  const connection = await LdapConnection.open(settings);
  try {
    return await use(connection);
  } finally {
    await connection.close();
  }
}

/** The LdapError an operation failed with; fails the test when it did not fail. */
async function failure(operation: () => Promise<unknown>): Promise<LdapError> {
  try {
    await operation();
  } catch (error) {
    expect(error).toBeInstanceOf(LdapError);
    return error as LdapError;
  }
  throw new Error('expected the operation to fail');
}

describe('LdapConnection against OpenLDAP', () => {
  let server: OpenLdapServer;

  beforeAll(async () => {
    server = await startOpenLdap();
  });
  afterAll(() => server?.stop());

  it.each(ENCRYPTIONS)('connects over %s, binds as the service account and searches', async (encryption) => {
    const settings = settingsFor(server, encryption);
    const entries = await withConnection(settings, async (connection) => {
      await connection.bindService(settings);
      return connection.search(OUS.people, { filter: '(uid=alice)', attributes: ['uid', 'mail'] });
    });
    expect(entries.map((entry) => [entry.dn, attr(entry, 'mail')])).toEqual([
      [FIXTURE_USERS.alice.dn, FIXTURE_USERS.alice.mail],
    ]);
  });

  it.each(TLS_ENCRYPTIONS)('checks the certificate against a host name over %s (SNI)', async (encryption) => {
    const settings = settingsFor(server, encryption, { host: 'localhost' });
    await withConnection(settings, (connection) => connection.bindService(settings));
  });

  it.each(TLS_ENCRYPTIONS)('refuses a server signed by another CA over %s, before any bind', async (encryption) => {
    const { wrongCa } = await tlsMaterial();
    const binds = await server.bindCount();
    const error = await failure(() =>
      LdapConnection.open(settingsFor(server, encryption, { caCertificate: wrongCa.pem })),
    );
    expect(error).toMatchObject({ code: 'TLS', tlsReason: 'untrusted' });
    expect(await server.bindCount()).toBe(binds);
  });

  it('connects to an untrusted server only when verification is switched off', async () => {
    const { wrongCa } = await tlsMaterial();
    const settings = settingsFor(server, 'ssl', { caCertificate: wrongCa.pem, verifyCertificate: false });
    await withConnection(settings, (connection) => connection.bindService(settings));
  });

  it('ignores a CA certificate left in the settings when not encrypting', async () => {
    const settings = settingsFor(server, 'none', { caCertificate: 'not a certificate' });
    await withConnection(settings, (connection) => connection.bindService(settings));
  });

  it('turns unusable bind account settings into an LdapError before any bind', async () => {
    const settings = settingsFor(server, 'none', { bindUsername: 'svc-ldap', bindDn: '' });
    const binds = await server.bindCount();
    const error = await failure(() => withConnection(settings, (connection) => connection.bindService(settings)));
    expect(error).toMatchObject({ code: 'INVALID_CREDENTIALS', detail: expect.stringContaining('Bind DN') });
    await sleep(150);
    expect(await server.bindCount()).toBe(binds);
  });

  it('answers INVALID_CREDENTIALS for a wrong password', async () => {
    const settings = settingsFor(server, 'starttls', { bindPassword: 'wrong' });
    const error = await failure(() => withConnection(settings, (connection) => connection.bindService(settings)));
    expect(error).toMatchObject({ code: 'INVALID_CREDENTIALS', resultCode: 49 });
  });

  it.each(['', '  '])('refuses the empty password %p without sending anything', async (password) => {
    await withConnection(settingsFor(server, 'none'), async (connection) => {
      const before = await settledAccessLog(server);
      const error = await failure(() => connection.bind(FIXTURE_USERS.alice.dn, password));
      expect(error).toMatchObject({ code: 'INVALID_CREDENTIALS', detail: 'empty password refused before bind' });
      expect(await settledAccessLog(server)).toEqual(before);
    });
  });

  it('finds a non-ASCII value through an escaped filter', async () => {
    const { jose } = FIXTURE_USERS;
    const settings = settingsFor(server, 'none');
    const entries = await withConnection(settings, async (connection) => {
      await connection.bindService(settings);
      return connection.search(OUS.staff, { filter: `(sn=${escapeFilterValue(jose.sn)})`, attributes: ['cn', 'sn'] });
    });
    expect(escapeFilterValue(jose.sn)).toMatch(/\\c3\\bc/);
    expect(entries.map((entry) => [entry.dn, attr(entry, 'CN')])).toEqual([[jose.dn, jose.cn]]);
  });

  it('reads the root DSE, honours a client size limit and reads asked-for attributes as bytes', async () => {
    const settings = settingsFor(server, 'none');
    await withConnection(settings, async (connection) => {
      await connection.bindService(settings);
      expect(attrs((await connection.rootDse(['namingContexts']))!, 'namingcontexts')).toEqual([server.baseDn]);
      expect(await connection.search(OUS.people, { filter: '(objectClass=inetOrgPerson)', sizeLimit: 2 })).toHaveLength(
        2,
      );
      const [alice] = await connection.search(FIXTURE_USERS.alice.dn, {
        scope: 'base',
        attributes: ['uid'],
        binaryAttributes: ['UID'],
      });
      expect(binaryAttr(alice, 'uid')).toEqual(Buffer.from('alice'));
    });
  });

  it('maps a bad filter to FILTER and a missing base to NO_SUCH_OBJECT', async () => {
    const settings = settingsFor(server, 'none');
    await withConnection(settings, async (connection) => {
      await connection.bindService(settings);
      expect(await failure(() => connection.search(OUS.people, { filter: '(uid=a' }))).toMatchObject({
        code: 'FILTER',
      });
      expect(await failure(() => connection.search(`ou=nowhere,${server.baseDn}`))).toMatchObject({
        code: 'NO_SUCH_OBJECT',
      });
    });
  });

  it('refuses a second concurrent paged search on a lone connection instead of breaking the first', async () => {
    const settings = settingsFor(server, 'none');
    await withConnection(settings, async (connection) => {
      await connection.bindService(settings);
      const people = { filter: '(objectClass=inetOrgPerson)', attributes: ['uid'], pageSize: 2 };
      const first = connection.pagedSearch(OUS.people, people);
      expect((await first.next()).value).toHaveLength(2);
      expect(await failure(() => connection.pagedSearch(OUS.people, people).next())).toMatchObject({
        code: 'UNWILLING',
      });
      let rest = 0;
      for await (const page of first) rest += page.length;
      expect(rest).toBeGreaterThan(0);
    });
  });

  it('closes idempotently, and refuses work once closed', async () => {
    const before = await server.connectionCount();
    const connection = await LdapConnection.open(settingsFor(server, 'starttls'));
    await eventually(
      () => server.connectionCount(),
      (count) => count === before + 1,
    );
    await Promise.all([connection.close(), connection.close()]);
    await connection.close();
    expect(connection.isUsable).toBe(false);
    expect(await failure(() => connection.search(OUS.people))).toMatchObject({ code: 'UNREACHABLE' });
    await eventually(
      () => server.connectionCount(),
      (count) => count === before,
    );
  });

  it.each(ENCRYPTIONS)(
    'fails fast after the server dropped a %s connection, never reconnecting behind our back',
    async (encryption) => {
      const settings = settingsFor(server, encryption);
      await withConnection(settings, async (connection) => {
        await connection.bindService(settings);
        await server.restart();
        await eventually(
          async () => connection.isUsable,
          (usable) => !usable,
        );
        const accepted = (await settledAccessLog(server)).filter((line) => / ACCEPT /.test(line)).length;
        const started = Date.now();
        expect(await failure(() => connection.search(OUS.people))).toMatchObject({ code: 'UNREACHABLE' });
        expect(Date.now() - started).toBeLessThan(500);
        expect((await settledAccessLog(server)).filter((line) => / ACCEPT /.test(line))).toHaveLength(accepted);
      });
    },
  );
});

describe('LdapConnection with a bad server certificate or no TLS', () => {
  let expired: OpenLdapServer;
  let wrongHost: OpenLdapServer;
  let plainOnly: OpenLdapServer;

  beforeAll(async () => {
    [expired, wrongHost, plainOnly] = await Promise.all([
      startOpenLdap({ tls: 'expired', seed: false }),
      startOpenLdap({ tls: 'wrong-host', seed: false }),
      startOpenLdap({ tls: 'none', seed: false }),
    ]);
  });
  afterAll(() => Promise.all([expired?.stop(), wrongHost?.stop(), plainOnly?.stop()]));

  it.each(TLS_ENCRYPTIONS)('refuses an expired certificate over %s', async (encryption) => {
    const error = await failure(() => LdapConnection.open(settingsFor(expired, encryption)));
    expect(error).toMatchObject({ code: 'TLS', tlsReason: 'expired' });
  });

  it.each(TLS_ENCRYPTIONS)('refuses a certificate for another host name over %s', async (encryption) => {
    const error = await failure(() => LdapConnection.open(settingsFor(wrongHost, encryption)));
    expect(error).toMatchObject({ code: 'TLS', tlsReason: 'hostname' });
  });

  it('fails closed when the server refuses StartTLS: no bind, no plain-text session left open', async () => {
    const before = await plainOnly.connectionCount();
    const error = await failure(() => LdapConnection.open(settingsFor(plainOnly, 'starttls')));
    expect(error).toMatchObject({ code: 'TLS' });
    await eventually(
      () => plainOnly.connectionCount(),
      (count) => count === before,
    );
    const log = await settledAccessLog(plainOnly);
    const conn = log
      .map((line) => / (conn=\d+) op=\d+ EXT oid=1\.3\.6\.1\.4\.1\.1466\.20037/.exec(line)?.[1])
      .find(Boolean);
    expect(conn).toBeDefined();
    const session = log.filter((line) => line.includes(` ${conn} `));
    expect(session.filter((line) => / op=\d+ (BIND|SRCH|MOD|ADD|DEL|CMP) /.test(line))).toEqual([]);
  });
});

describe('LdapConnection when the server is not there', () => {
  it('answers UNREACHABLE for a closed port', async () => {
    const port = await freePort();
    const error = await failure(() => LdapConnection.open({ ...settingsFor(fakeServer(port), 'none'), port }));
    expect(error.code).toBe('UNREACHABLE');
  });

  it.each(ENCRYPTIONS)(
    'answers TIMEOUT within timeoutMs over %s when nothing answers, and leaves no socket',
    async (encryption) => {
      const silent = await startSilentServer();
      const timeoutMs = 300;
      const settings = { ...settingsFor(fakeServer(silent.port), encryption), port: silent.port, timeoutMs };
      const started = Date.now();
      try {
        const error = await failure(() => withConnection(settings, (connection) => connection.bindService(settings)));
        expect(error.code).toBe('TIMEOUT');
        expect(Date.now() - started).toBeLessThan(timeoutMs + 700);
        await eventually(
          async () => silent.openSockets(),
          (open) => open === 0,
        );
      } finally {
        await silent.close();
      }
    },
  );
});

/** Enough of a server for settingsFor() when only host and port matter. */
function fakeServer(port: number): OpenLdapServer {
  return {
    host: '127.0.0.1',
    port,
    ldapsPort: port,
    caCertPem: '',
    serviceDn: 'cn=svc,dc=example,dc=com',
    servicePassword: 'x',
  } as unknown as OpenLdapServer;
}
