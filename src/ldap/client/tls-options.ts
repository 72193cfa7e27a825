import { isIP } from 'node:net';
import type { ConnectionOptions } from 'node:tls';
import { X509Certificate } from 'node:crypto';

import { LdapError } from '../ldap.error.js';
import type { LdapConnectionSettings } from '../settings/ldap-settings.types.js';

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** Each certificate of a PEM bundle, checked to parse; throws LdapError TLS when there is none or one is broken. */
export function parsePemCertificates(pem: string): string[] {
  const blocks = pem.replace(/\r\n?/g, '\n').match(PEM_CERTIFICATE) ?? [];
  if (blocks.length === 0) {
    throw new LdapError('TLS', 'the CA certificate is not a PEM certificate', {
      tlsReason: 'untrusted',
      detail: 'expected one or more -----BEGIN CERTIFICATE----- blocks',
    });
  }
  blocks.forEach((block, index) => {
    try {
      new X509Certificate(block);
    } catch (error) {
      throw new LdapError('TLS', 'the CA certificate is not a valid certificate', {
        tlsReason: 'untrusted',
        detail: `certificate ${index + 1} of the CA bundle: ${(error as Error).message}`,
        cause: error,
      });
    }
  });
  return blocks;
}

/**
 * Options for the TLS handshake (ldaps:// and StartTLS alike). With a CA given, only that CA is
 * trusted; without one, Node's bundled roots. servername (SNI) must not be an IP address, and
 * host is what the certificate is checked against (for StartTLS Node would otherwise use 'localhost').
 */
export function buildTlsOptions(
  settings: Pick<LdapConnectionSettings, 'host' | 'caCertificate' | 'verifyCertificate'>,
): ConnectionOptions {
  const options: ConnectionOptions = {
    host: settings.host,
    rejectUnauthorized: settings.verifyCertificate,
    minVersion: 'TLSv1.2',
  };
  if (isIP(settings.host) === 0) options.servername = settings.host;
  if (settings.caCertificate?.trim()) options.ca = parsePemCertificates(settings.caCertificate);
  return options;
}
