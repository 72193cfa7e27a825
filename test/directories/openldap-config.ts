import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { ServerCertificate } from './tls.js';

export interface SlapdConfigOptions {
  dir: string;
  baseDn: string;
  rootDn: string;
  rootPassword: string;
  sizeLimit: number;
  /** slapd size.pr; undefined: unlimited. */
  pageSizeLimit?: number;
  /** The syncprov overlay, which keeps the suffix's contextCSN (the sync's delta mark). */
  contextCsn: boolean;
  /** `olcDbIndex: modifyTimestamp eq` (the README's advice for deltas). */
  indexModifyTimestamp?: boolean;
  /** undefined: no TLS at all (StartTLS and ldaps:// fail). */
  tls?: { caPath: string; server: ServerCertificate };
}

const SCHEMA_DIR = '/etc/ldap/schema';
const SCHEMAS = ['core', 'cosine', 'nis', 'inetorgperson'];

/** Local root through ldapi:// SASL EXTERNAL: the identity the harness manages the server with. */
export function ldapiIdentity(): string {
  const uid = process.getuid?.() ?? 0;
  const gid = process.getgid?.() ?? 0;
  return `gidNumber=${gid}+uidNumber=${uid},cn=peercred,cn=external,cn=auth`;
}

export function ssha(password: string): string {
  const salt = randomBytes(8);
  const digest = createHash('sha1').update(password, 'utf8').update(salt).digest();
  return `{SSHA}${Buffer.concat([digest, salt]).toString('base64')}`;
}

function globalEntry({ dir, tls }: SlapdConfigOptions): string {
  const tlsLines = tls
    ? [
        `olcTLSCACertificateFile: ${tls.caPath}`,
        `olcTLSCertificateFile: ${tls.server.cert.path}`,
        `olcTLSCertificateKeyFile: ${tls.server.key.path}`,
      ]
    : [];
  return [
    'dn: cn=config',
    'objectClass: olcGlobal',
    'cn: config',
    `olcPidFile: ${join(dir, 'slapd.pid')}`,
    `olcArgsFile: ${join(dir, 'slapd.args')}`,
    'olcLogLevel: stats',
    ...tlsLines,
    '',
    'dn: cn=module{0},cn=config',
    'objectClass: olcModuleList',
    'cn: module{0}',
    'olcModulePath: /usr/lib/ldap',
    'olcModuleLoad: {0}back_mdb',
    'olcModuleLoad: {1}memberof',
    'olcModuleLoad: {2}refint',
    'olcModuleLoad: {3}ppolicy',
    'olcModuleLoad: {4}syncprov',
    '',
    'dn: cn=schema,cn=config',
    'objectClass: olcSchemaConfig',
    'cn: schema',
    '',
  ].join('\n');
}

function schemaEntries(): string {
  return SCHEMAS.map((name) => readFileSync(join(SCHEMA_DIR, `${name}.ldif`), 'utf8')).join('\n');
}

function databaseEntries(options: SlapdConfigOptions): string {
  const { dir, baseDn, rootDn, rootPassword, sizeLimit } = options;
  const pageLimit = options.pageSizeLimit ?? 'unlimited';
  const manage = `olcAccess: {0}to * by dn.exact=${ldapiIdentity()} manage by * break`;
  return [
    'dn: olcDatabase={-1}frontend,cn=config',
    'objectClass: olcDatabaseConfig',
    'objectClass: olcFrontendConfig',
    'olcDatabase: {-1}frontend',
    manage,
    'olcAccess: {1}to dn.base="" by * read',
    'olcAccess: {2}to dn.base="cn=subschema" by * read',
    '',
    'dn: olcDatabase={0}config,cn=config',
    'objectClass: olcDatabaseConfig',
    'olcDatabase: {0}config',
    manage,
    '',
    'dn: olcDatabase={1}mdb,cn=config',
    'objectClass: olcDatabaseConfig',
    'objectClass: olcMdbConfig',
    'olcDatabase: {1}mdb',
    `olcSuffix: ${baseDn}`,
    `olcRootDN: ${rootDn}`,
    `olcRootPW: ${ssha(rootPassword)}`,
    `olcDbDirectory: ${join(dir, 'data')}`,
    // 8 GiB map (sparse file; the default 10 MiB overflows at a few thousand users)
    'olcDbMaxSize: 8589934592',
    'olcDbIndex: objectClass eq',
    'olcDbIndex: uid,mail,cn,sn,givenName eq,sub',
    'olcDbIndex: member,uniqueMember,memberOf eq',
    'olcDbIndex: entryUUID,entryCSN eq',
    ...(options.indexModifyTimestamp ? ['olcDbIndex: modifyTimestamp eq'] : []),
    // plain searches capped (slapd's default is 500); paged searches of any page size and total
    // (a size.pr below the requested page size answers 11 adminLimitExceeded, where AD would cap)
    `olcSizeLimit: size.soft=${sizeLimit} size.hard=${sizeLimit} size.pr=${pageLimit} size.prtotal=unlimited`,
    manage,
    'olcAccess: {1}to attrs=userPassword by self write by anonymous auth by * none',
    'olcAccess: {2}to * by self read by users read by * none',
    '',
  ].join('\n');
}

function overlayEntries({ baseDn, contextCsn }: SlapdConfigOptions): string {
  const db = 'olcDatabase={1}mdb,cn=config';
  const memberOf = (index: number, groupClass: string, memberAttribute: string): string[] => [
    `dn: olcOverlay={${index}}memberof,${db}`,
    'objectClass: olcOverlayConfig',
    'objectClass: olcMemberOf',
    `olcOverlay: {${index}}memberof`,
    `olcMemberOfGroupOC: ${groupClass}`,
    `olcMemberOfMemberAD: ${memberAttribute}`,
    'olcMemberOfMemberOfAD: memberOf',
    'olcMemberOfRefInt: TRUE',
    'olcMemberOfDangling: ignore',
    '',
  ];
  return [
    ...memberOf(0, 'groupOfNames', 'member'),
    ...memberOf(1, 'groupOfUniqueNames', 'uniqueMember'),
    `dn: olcOverlay={2}refint,${db}`,
    'objectClass: olcOverlayConfig',
    'objectClass: olcRefintConfig',
    'olcOverlay: {2}refint',
    'olcRefintAttribute: member',
    'olcRefintAttribute: uniqueMember',
    'olcRefintAttribute: manager',
    'olcRefintAttribute: owner',
    // replaces the last value of a MUST attribute such as member (else refint fails the delete)
    `olcRefintNothing: cn=nobody,${baseDn}`,
    '',
    `dn: olcOverlay={3}ppolicy,${db}`,
    'objectClass: olcOverlayConfig',
    'objectClass: olcPPolicyConfig',
    'olcOverlay: {3}ppolicy',
    `olcPPolicyDefault: cn=default,ou=policies,${baseDn}`,
    'olcPPolicyHashCleartext: TRUE',
    'olcPPolicyUseLockout: FALSE',
    '',
    // what a replicated OpenLDAP has: contextCSN on the suffix, advanced as changes commit
    ...(contextCsn
      ? [
          `dn: olcOverlay={4}syncprov,${db}`,
          'objectClass: olcOverlayConfig',
          'objectClass: olcSyncProvConfig',
          'olcOverlay: {4}syncprov',
          '',
        ]
      : []),
  ].join('\n');
}

/** cn=config as LDIF, for `slapadd -n0` (no debconf, nothing read from /etc/ldap/slapd.d). */
export function slapdConfigLdif(options: SlapdConfigOptions): string {
  return [globalEntry(options), schemaEntries(), databaseEntries(options), overlayEntries(options)].join('\n');
}
