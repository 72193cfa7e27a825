import { ConfigError, validateEnvironment } from './env.schema.js';

describe('validateEnvironment', () => {
  it('accepts an empty environment (all defaults)', () => {
    expect(validateEnvironment({})).toEqual({});
  });

  it('accepts good values and converts numbers', () => {
    const env = validateEnvironment({
      PORT: '8080',
      SESSION_TTL: '3600',
      DATABASE_URL: 'mysql://u:p@db:3306/helpdesk',
      TRUST_PROXY: '127.0.0.1,10.0.0.0/8',
      LDAP_ALLOWED_TARGETS: 'ldap.example.com:636, 10.0.0.0/8',
      METRICS_TOKEN: 'f'.repeat(64),
      METRICS_ALLOW: '127.0.0.1/32, ::1',
    });
    expect(env.LDAP_ALLOWED_TARGETS).toBe('ldap.example.com:636, 10.0.0.0/8');
    expect(env.METRICS_ALLOW).toBe('127.0.0.1/32, ::1');
    expect(env.PORT).toBe(8080);
    expect(env.SESSION_TTL).toBe(3600);
  });

  it.each([
    ['PORT', 'abc', /PORT must be a whole number from 1 to 65535/],
    ['PORT', '70000', /PORT must be a whole number/],
    ['HOST', 'http://0.0.0.0', /HOST must be the address to listen on: an IP address/],
    ['HOST', '[::1]', /HOST must be the address to listen on/],
    ['HOST', '127.0.0.1:3000', /HOST must be the address to listen on/],
    ['DATABASE_URL', 'postgres://x/y', /DATABASE_URL must be sqlite:<path>/],
    ['APP_KEY', 'short', /APP_KEY must be 32 bytes/],
    ['BOOTSTRAP_ADMIN_EMAIL', 'not-an-email', /BOOTSTRAP_ADMIN_EMAIL must be an email address/],
    ['BOOTSTRAP_ADMIN_PASSWORD', 'short', /at least 12 characters/],
    ['TRUST_PROXY', 'everyone', /TRUST_PROXY must be false, true, a hop count/],
    ['SESSION_TTL', '5', /SESSION_TTL must be a number of seconds/],
    ['LDAP_ALLOWED_TARGETS', 'ldap.example.com:99999', /LDAP_ALLOWED_TARGETS .*"ldap.example.com:99999": the port/],
    ['LDAP_ALLOWED_TARGETS', 'ldap://x', /LDAP_ALLOWED_TARGETS .*"ldap:\/\/x" is not a host name/],
    ['LOG_FORMAT', 'xml', /LOG_FORMAT must be json or text/],
    ['LOG_LEVEL', 'verbose', /LOG_LEVEL must be one of fatal, error/],
    ['METRICS_TOKEN', 'too-short', /METRICS_TOKEN must be 32 to 512 characters/],
    ['METRICS_TOKEN', `${'a'.repeat(40)} b`, /METRICS_TOKEN must be 32 to 512 characters/],
    ['METRICS_ALLOW', '10.0.0.0/33', /METRICS_ALLOW must be a comma-separated list/],
    ['METRICS_ALLOW', '127.0.0.1, prometheus.local', /METRICS_ALLOW must be a comma-separated list/],
  ])('refuses %s=%s with one line naming it', (name, value, message) => {
    expect(() => validateEnvironment({ [name]: value })).toThrow(ConfigError);
    expect(() => validateEnvironment({ [name]: value })).toThrow(message);
  });
});
