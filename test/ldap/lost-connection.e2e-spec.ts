import { LdapConnection } from '../../src/ldap/client/ldap-connection.js';
import { serverHealth } from '../../src/ldap/client/server-health.js';
import { LdapError } from '../../src/ldap/ldap.error.js';
import { OUS } from '../directories/fixtures.js';
import { startOpenLdap, type OpenLdapServer } from '../directories/openldap.js';
import { FaultProxy } from '../support/fault-proxy.js';
import { settingsFor } from './support/client-harness.js';

const PERSON = '(objectClass=inetOrgPerson)';

/*
 * A server that goes away while a request waits (slapd killed mid-paging: its kernel closes the
 * socket in order) makes ldapts say "Connection closed before message response". On a connection
 * the server has answered, that is a lost connection and marks the server down, as a reset does;
 * the sync failover suite met it about one run in four under load.
 */
describe('a connection closed under a waiting request', () => {
  let server: OpenLdapServer;
  let proxy: FaultProxy;

  beforeAll(async () => {
    server = await startOpenLdap({ tls: 'none' });
    proxy = await FaultProxy.start({ host: server.host, port: server.port });
  });
  afterAll(async () => {
    await proxy?.close();
    await server?.stop();
  });

  const key = () => `${proxy.host}:${proxy.port}`;
  const failureOf = async (operation: () => Promise<unknown>): Promise<LdapError> => {
    try {
      await operation();
    } catch (error) {
      if (error instanceof LdapError) return error;
      throw error;
    }
    throw new Error('the operation did not fail');
  };

  it.each([
    ['a search', 0, (conn: LdapConnection) => conn.search(OUS.people, { filter: PERSON })],
    [
      'the next page of a paged search',
      1,
      async (conn: LdapConnection) => {
        for await (const page of conn.pagedSearch(OUS.people, { filter: PERSON, pageSize: 2 })) void page;
      },
    ],
  ])('%s: the server is marked down, the error says the connection was lost', async (_what, skip, operation) => {
    serverHealth.succeeded(key());
    const conn = await LdapConnection.openBound(settingsFor(server, 'none', { host: proxy.host, port: proxy.port }));
    // the first request on the base passes (a paged search's first page), the next one is closed under
    const fault = proxy.fault({ contains: OUS.people, action: 'close', skip });
    try {
      const error = await failureOf(() => operation(conn));
      await fault.hit;
      expect({ code: error.code, message: error.message }).toEqual({
        code: 'UNREACHABLE',
        message: 'the connection to the directory server was closed',
      });
      expect(serverHealth.isDown(key())).toBe(true);
    } finally {
      fault.remove();
      await conn.close();
      serverHealth.succeeded(key());
    }
  });
});
