import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';

import { requireBinary } from '../support/prerequisites.js';
import { onProcessExit, run } from '../support/processes.js';

export interface PemFile {
  path: string;
  pem: string;
}

export interface ServerCertificate {
  cert: PemFile;
  key: PemFile;
}

export interface TlsMaterial {
  dir: string;
  /** The CA that signed every server certificate below. */
  ca: PemFile;
  /** An unrelated CA: trusting only this one must fail verification. */
  wrongCa: PemFile;
  /** SAN localhost, 127.0.0.1, ::1 and this machine's host name; valid for two years. */
  valid: ServerCertificate;
  /** Same names and CA, validity January 2020. */
  expired: ServerCertificate;
  /** Right CA, but the only SAN is wrong.example.invalid. */
  wrongHost: ServerCertificate;
}

export const VALID_SERVER_NAMES = ['localhost', hostname(), '127.0.0.1', '::1'];
const WRONG_HOST = 'wrong.example.invalid';

// `openssl ca` (not `x509 -req`) because it takes explicit -startdate/-enddate on OpenSSL 3.0,
// which is how we get a properly expired certificate without faking the clock.
const caConfig = (dir: string): string => `[ca]
default_ca = throwaway
[throwaway]
database = ${join(dir, 'index.txt')}
new_certs_dir = ${dir}
certificate = ${join(dir, 'ca.crt')}
private_key = ${join(dir, 'ca.key')}
default_md = sha256
policy = any
unique_subject = no
rand_serial = yes
copy_extensions = none
[any]
commonName = supplied
organizationName = optional
`;

function sanExtensions(names: readonly string[]): string {
  const san = names.map((name) => (/^[\d.]+$|:/.test(name) ? `IP:${name}` : `DNS:${name}`)).join(',');
  return [
    'basicConstraints = critical,CA:FALSE',
    'keyUsage = critical,digitalSignature,keyEncipherment',
    'extendedKeyUsage = serverAuth',
    `subjectAltName = ${san}`,
    '',
  ].join('\n');
}

/** openssl's -startdate/-enddate format: YYYYMMDDHHMMSSZ. */
function asn1Time(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:T]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

const DAY_MS = 86_400_000;

class CertificateFactory {
  constructor(
    private readonly dir: string,
    private readonly openssl: string,
  ) {}

  private file(name: string): PemFile {
    const path = join(this.dir, name);
    return { path, pem: readFileSync(path, 'utf8') };
  }

  private async openSsl(args: string[]): Promise<void> {
    await run(this.openssl, args);
  }

  // ECDSA P-256 keys: generated in milliseconds (RSA takes ~100 ms each), fine for GnuTLS and Node.
  async selfSignedCa(name: string, commonName: string): Promise<PemFile> {
    await this.openSsl([
      'req',
      '-x509',
      '-new',
      '-nodes',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-days',
      '3650',
      '-subj',
      `/O=helpdesk-ldap tests/CN=${commonName}`,
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
      '-keyout',
      join(this.dir, `${name}.key`),
      '-out',
      join(this.dir, `${name}.crt`),
    ]);
    return this.file(`${name}.crt`);
  }

  async serverCertificate(name: string, names: readonly string[], from: Date, to: Date): Promise<ServerCertificate> {
    const at = (suffix: string): string => join(this.dir, `${name}.${suffix}`);
    writeFileSync(at('ext'), sanExtensions(names));
    await this.openSsl([
      'req',
      '-new',
      '-nodes',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-subj',
      `/O=helpdesk-ldap tests/CN=${names[0]}`,
      '-keyout',
      at('key'),
      '-out',
      at('csr'),
    ]);
    await this.openSsl([
      'ca',
      '-batch',
      '-config',
      join(this.dir, 'ca.cnf'),
      '-notext',
      '-in',
      at('csr'),
      '-out',
      at('crt'),
      '-startdate',
      asn1Time(from),
      '-enddate',
      asn1Time(to),
      '-extfile',
      at('ext'),
    ]);
    return { cert: this.file(`${name}.crt`), key: this.file(`${name}.key`) };
  }
}

async function generate(): Promise<TlsMaterial> {
  const dir = mkdtempSync(join(tmpdir(), 'helpdesk-tls-'));
  onProcessExit(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'ca.cnf'), caConfig(dir));
  writeFileSync(join(dir, 'index.txt'), '');
  const factory = new CertificateFactory(dir, requireBinary('openssl'));
  const [ca, wrongCa] = await Promise.all([
    factory.selfSignedCa('ca', 'Throwaway Test CA'),
    factory.selfSignedCa('wrong-ca', 'Unrelated Test CA'),
  ]);
  const now = Date.now();
  // `openssl ca` updates index.txt, so certificates are signed one after the other.
  const valid = await factory.serverCertificate(
    'valid',
    VALID_SERVER_NAMES,
    new Date(now - DAY_MS),
    new Date(now + 730 * DAY_MS),
  );
  const expired = await factory.serverCertificate(
    'expired',
    VALID_SERVER_NAMES,
    new Date('2020-01-01Z'),
    new Date('2020-02-01Z'),
  );
  const wrongHost = await factory.serverCertificate(
    'wrong-host',
    [WRONG_HOST],
    new Date(now - DAY_MS),
    new Date(now + 730 * DAY_MS),
  );
  return { dir, ca, wrongCa, valid, expired, wrongHost };
}

let material: Promise<TlsMaterial> | undefined;

/** CA and server certificates, generated once per process (about 50 ms) and removed at exit. */
export function tlsMaterial(): Promise<TlsMaterial> {
  material ??= generate();
  return material;
}
