import { LdapError } from '../ldap.error.js';
import { buildTlsOptions, parsePemCertificates } from './tls-options.js';

// Self-signed, only ever parsed here (never used to verify anything).
const FIRST_CA = `-----BEGIN CERTIFICATE-----
MIIBhjCCAS2gAwIBAgIUegfA7pjBYFeAz8tDzTNof8mnAewwCgYIKoZIzj0EAwIw
GDEWMBQGA1UEAwwNRmlyc3QgVGVzdCBDQTAgFw0yNjExMjYxMTQ3MTdaGA8yMTI2
MTEwMjExNDcxN1owGDEWMBQGA1UEAwwNRmlyc3QgVGVzdCBDQTBZMBMGByqGSM49
AgEGCCqGSM49AwEHA0IABPvjV53svuxpD8omEk0EeO/ThMcGXrLWaCQ/2SAReslT
rurkEI+W9G+x6msLs2rFP1PUctvBn3/RvXJoOFek/wKjUzBRMB0GA1UdDgQWBBRP
JV/oGepad/RmA5K0i1Qnf4ykmzAfBgNVHSMEGDAWgBRPJV/oGepad/RmA5K0i1Qn
f4ykmzAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0cAMEQCIHAd9NLoGqVt
ZNNG75Oa7VZekif3kjGepIAY6+aHdQytAiBdpLEsdvjbvPE0wnHOxmnOodu7aPFm
SjxAYheM0s6lXA==
-----END CERTIFICATE-----`;
const SECOND_CA = `-----BEGIN CERTIFICATE-----
MIIBijCCAS+gAwIBAgIUDWzlqwvqX871OddGiciTC0D1ftwwCgYIKoZIzj0EAwIw
GTEXMBUGA1UEAwwOU2Vjb25kIFRlc3QgQ0EwIBcNMjYxMTI2MTE0NzE3WhgPMjEy
NjExMDIxMTQ3MTdaMBkxFzAVBgNVBAMMDlNlY29uZCBUZXN0IENBMFkwEwYHKoZI
zj0CAQYIKoZIzj0DAQcDQgAEZkmnj8yybrxDEkZAJ7p1zBzpFCCuVeV0rtHAWb+8
/Gdj9DaTVpiImGWXnQgJz+0NCM+LNIVy+agqHpBmNssUB6NTMFEwHQYDVR0OBBYE
FJMUjQqsSEUmqC9my/hq9rvYiMCfMB8GA1UdIwQYMBaAFJMUjQqsSEUmqC9my/hq
9rvYiMCfMA8GA1UdEwEB/wQFMAMBAf8wCgYIKoZIzj0EAwIDSQAwRgIhAPtMJTdt
Ivz8xj8nFIOLQMjs0zCpPgjXSB/7n3qx5eHEAiEAtGb2c4iNZ4lMdOYtGi6LOJJo
DaAY6FvAQAuGsTir1Oo=
-----END CERTIFICATE-----`;

describe('parsePemCertificates', () => {
  it('splits a bundle into its certificates, Windows line ends included', () => {
    const bundle = `comment line\r\n${FIRST_CA.replace(/\n/g, '\r\n')}\n${SECOND_CA}`;
    expect(parsePemCertificates(bundle)).toEqual([FIRST_CA, SECOND_CA]);
  });

  it('refuses text without a certificate as a TLS error', () => {
    expect(() => parsePemCertificates('not a certificate')).toThrow(LdapError);
    expect(() => parsePemCertificates('not a certificate')).toThrow(expect.objectContaining({ code: 'TLS' }));
  });

  it('refuses a damaged certificate and says which one', () => {
    const damaged = FIRST_CA.replace(/\n[A-Za-z0-9+/]{20}/, '\n!!!!');
    expect(() => parsePemCertificates(`${SECOND_CA}\n${damaged}`)).toThrow(
      expect.objectContaining({ code: 'TLS', detail: expect.stringContaining('certificate 2 of the CA bundle') }),
    );
  });
});

describe('buildTlsOptions', () => {
  it('sends the host name as SNI and checks the certificate against it, TLS 1.2 or newer', () => {
    expect(buildTlsOptions({ host: 'ldap.example.com', caCertificate: null, verifyCertificate: true })).toEqual({
      host: 'ldap.example.com',
      servername: 'ldap.example.com',
      rejectUnauthorized: true,
      minVersion: 'TLSv1.2',
    });
  });

  it('sends no SNI for an IP address (RFC 6066 §3 forbids it)', () => {
    expect(
      buildTlsOptions({ host: '10.0.0.5', caCertificate: null, verifyCertificate: true }).servername,
    ).toBeUndefined();
    expect(buildTlsOptions({ host: '::1', caCertificate: null, verifyCertificate: true }).servername).toBeUndefined();
  });

  it('trusts only the given CA, and skips verification only when told to', () => {
    const options = buildTlsOptions({ host: 'ldap', caCertificate: `${FIRST_CA}\n`, verifyCertificate: false });
    expect(options.ca).toEqual([FIRST_CA]);
    expect(options.rejectUnauthorized).toBe(false);
  });

  it('uses the system trust store for a blank CA', () => {
    expect(buildTlsOptions({ host: 'ldap', caCertificate: '  ', verifyCertificate: true }).ca).toBeUndefined();
  });
});
