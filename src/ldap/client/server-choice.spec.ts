import { LdapError } from '../ldap.error.js';
import { DEFAULT_LDAP_SETTINGS, type LdapConnectionSettings } from '../settings/ldap-settings.types.js';
import { isServerFault, onHealthyServer } from './server-choice.js';
import { ServerHealth } from './server-health.js';

const settings: LdapConnectionSettings = {
  ...DEFAULT_LDAP_SETTINGS,
  host: 'dc1',
  port: 389,
  backupServers: [
    { host: 'dc2', port: 389 },
    { host: 'dc3', port: 1389 },
  ],
  bindPassword: 'secret',
};
const refused = (host: string) =>
  new LdapError('UNREACHABLE', 'the directory server refused the connection', { detail: `ECONNREFUSED ${host}` });

/** Attempts that fail on the hosts in `down` and record every host tried. */
function attempts(down: Set<string>) {
  const tried: string[] = [];
  const attempt = (s: LdapConnectionSettings, ahead: readonly string[]) => {
    tried.push(s.host);
    if (down.has(s.host)) return Promise.reject(refused(s.host));
    return Promise.resolve({ server: `${s.host}:${s.port}`, ahead });
  };
  return { tried, attempt };
}

describe('onHealthyServer', () => {
  it('uses the first server while it answers', async () => {
    const { tried, attempt } = attempts(new Set());
    expect(await onHealthyServer(settings, attempt, new ServerHealth())).toEqual({ server: 'dc1:389', ahead: [] });
    expect(tried).toEqual(['dc1']);
  });

  it('goes on to the next server, skips the one marked down during its back-off, and takes it back after', async () => {
    const clock = { now: 0 };
    const health = new ServerHealth(() => clock.now);
    const down = new Set(['dc1']);
    const { tried, attempt } = attempts(down);
    expect(await onHealthyServer(settings, attempt, health)).toEqual({ server: 'dc2:389', ahead: ['dc1:389'] });
    expect(await onHealthyServer(settings, attempt, health)).toEqual({ server: 'dc2:389', ahead: ['dc1:389'] });
    expect(tried).toEqual(['dc1', 'dc2', 'dc2']);
    down.clear();
    clock.now += 10_000;
    expect(await onHealthyServer(settings, attempt, health)).toEqual({ server: 'dc1:389', ahead: [] });
    expect(health.isDown('dc1:389')).toBe(false);
  });

  it('tries the servers marked down too when the others fail, and throws the first server’s error', async () => {
    const health = new ServerHealth(() => 0);
    const down = new Set(['dc1', 'dc2', 'dc3']);
    const { tried, attempt } = attempts(down);
    await expect(onHealthyServer(settings, attempt, health)).rejects.toMatchObject({ detail: 'ECONNREFUSED dc1' });
    expect(tried).toEqual(['dc1', 'dc2', 'dc3']);
    tried.length = 0;
    // all marked down: still tried, in order, rather than refused without a try
    await expect(onHealthyServer(settings, attempt, health)).rejects.toMatchObject({ detail: 'ECONNREFUSED dc1' });
    expect(tried).toEqual(['dc1', 'dc2', 'dc3']);
    down.delete('dc2');
    expect(await onHealthyServer(settings, attempt, health)).toMatchObject({ server: 'dc2:389' });
    expect(health.isDown('dc2:389')).toBe(false);
  });

  it('throws a request error at once, without marking the server down or trying the next', async () => {
    const health = new ServerHealth();
    const tried: string[] = [];
    const local = new LdapError('INVALID_CREDENTIALS', 'an empty password is never sent to the directory');
    const attempt = (s: LdapConnectionSettings) => {
      tried.push(s.host);
      return Promise.reject(local);
    };
    await expect(onHealthyServer(settings, attempt, health)).rejects.toBe(local);
    expect(tried).toEqual(['dc1']);
    expect(health.isDown('dc1:389')).toBe(false);
  });

  it('marks a server down when it answers the service bind with an error', async () => {
    const health = new ServerHealth();
    const attempt = (s: LdapConnectionSettings) =>
      s.host === 'dc1'
        ? Promise.reject(new LdapError('INVALID_CREDENTIALS', 'bind refused', { resultCode: 49 }))
        : Promise.resolve(s.host);
    expect(await onHealthyServer(settings, attempt, health)).toBe('dc2');
    expect(health.isDown('dc1:389')).toBe(true);
  });

  it('skips an empty host and refuses settings with no server', async () => {
    const { tried, attempt } = attempts(new Set());
    expect(await onHealthyServer({ ...settings, host: '' }, attempt, new ServerHealth())).toMatchObject({
      server: 'dc2:389',
    });
    expect(tried).toEqual(['dc2']);
    await expect(
      onHealthyServer({ ...settings, host: ' ', backupServers: [] }, attempt, new ServerHealth()),
    ).rejects.toMatchObject({ code: 'UNREACHABLE', message: 'no directory server is configured' });
  });

  it('counts lost connections, refused targets and server answers as server faults, not errors made here', () => {
    expect(isServerFault(refused('dc1'))).toBe(true);
    expect(isServerFault(new LdapError('TLS', 'certificate expired', { tlsReason: 'expired' }))).toBe(true);
    expect(isServerFault(new LdapError('TARGET_REFUSED', 'not an allowed target'))).toBe(true);
    expect(isServerFault(new LdapError('BUSY', 'busy', { resultCode: 51 }))).toBe(true);
    expect(isServerFault(new LdapError('INVALID_CREDENTIALS', 'an empty password is never sent'))).toBe(false);
    expect(isServerFault(new Error('bug'))).toBe(false);
  });
});
