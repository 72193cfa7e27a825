import type { VersionedConnectionSettings } from './service-connection.js';
import { settingsFingerprint } from './service-connection.js';

const settings: VersionedConnectionSettings = {
  version: 3,
  host: 'ldap.example.com',
  port: 389,
  backupServers: [],
  srvDomain: null,
  encryption: 'starttls',
  caCertificate: null,
  verifyCertificate: true,
  timeoutMs: 5000,
  bindDn: 'dc=example,dc=com',
  bindUsername: 'svc',
  bindPassword: 'secret',
};

describe('settingsFingerprint', () => {
  it('is the same for the same settings', () => {
    expect(settingsFingerprint({ ...settings })).toBe(settingsFingerprint(settings));
  });

  it.each([
    ['version', 4],
    ['host', 'other'],
    ['port', 636],
    ['encryption', 'ssl'],
    ['caCertificate', 'PEM'],
    ['verifyCertificate', false],
    ['timeoutMs', 1000],
    ['bindDn', 'dc=x'],
    ['bindUsername', null],
    ['bindPassword', 'new'],
  ] as const)('changes when %s changes', (field, value) => {
    expect(settingsFingerprint({ ...settings, [field]: value })).not.toBe(settingsFingerprint(settings));
  });

  it('does not contain the password', () => {
    expect(settingsFingerprint(settings)).not.toContain('secret');
  });
});
