import { createHash } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { run } from '../support/processes.js';
import {
  AD_CONTAINERS,
  AD_DNS_DOMAIN,
  AD_DOMAIN,
  AD_EXPIRED_AT,
  AD_GROUPS,
  AD_PASSWORD,
  AD_REALM,
  AD_SEED_SCRIPT,
  AD_SERVICE_ACCOUNT,
  AD_USERS,
  AdUser,
  bulkUser,
  USER_ACCOUNT_CONTROL_GUID,
} from './ad-fixtures.js';
import { assertSambaAdPrerequisites, requireSambaBinary, SAMBA_PYTHON } from './samba-ad-prerequisites.js';
import { acquireHostLock, removeStaleTemplates } from './samba-ad-lock.js';
import { tlsMaterial } from './tls.js';

const BUILD_TIMEOUT_MS = 300_000;
const TEMPLATE_PREFIX = 'helpdesk-samba-ad-template-';

/** A provisioned and seeded (never started) Samba AD DC directory that each start copies. */
export interface SambaAdTemplate {
  /** smb.conf names this path, which copies rewrite. */
  dir: string;
  bulkUsers: number;
}

export const smbConf = (dir: string): string => join(dir, 'etc', 'smb.conf');

const UAC = { normal: 512, disabled: 514, passwordNotRequired: 544 } as const;

function userRecord(user: AdUser): Record<string, unknown> {
  return {
    dn: user.dn,
    password: user.password,
    attributes: {
      sAMAccountName: user.sAMAccountName,
      userPrincipalName: user.userPrincipalName,
      givenName: user.givenName,
      sn: user.sn,
      displayName: user.cn,
      mail: user.mail,
      title: user.title,
      telephoneNumber: user.telephoneNumber,
      userAccountControl: String(user.state === 'disabled' ? UAC.disabled : UAC.normal),
    },
    ...(user.state === 'must-change-password' ? { pwdLastSet: '0' } : {}),
    ...(user.state === 'expired' ? { accountExpires: AD_EXPIRED_AT } : {}),
  };
}

/** What fixtures-ad/seed.py adds to a fresh domain: ad-fixtures.ts, as sam.ldb records. */
function fixtureSpec(): Record<string, unknown> {
  const service = {
    dn: AD_SERVICE_ACCOUNT.dn,
    password: AD_SERVICE_ACCOUNT.password,
    attributes: {
      sAMAccountName: AD_SERVICE_ACCOUNT.sAMAccountName,
      userPrincipalName: AD_SERVICE_ACCOUNT.upn,
      description: 'LDAP bind service account',
      userAccountControl: String(UAC.normal),
    },
  };
  const groups = Object.values(AD_GROUPS).map((group) => ({
    dn: group.dn,
    sAMAccountName: group.cn,
    members: [
      ...group.memberUsers.map((key) => AD_USERS[key].dn),
      ...group.memberGroups.map((name) => AD_GROUPS[name].dn),
    ],
  }));
  const denyRead = Object.values(AD_USERS)
    .filter((user) => user.stateHiddenFromService)
    .map((user) => ({ dn: user.dn, attributeGuid: USER_ACCOUNT_CONTROL_GUID, trustee: AD_SERVICE_ACCOUNT.dn }));
  return {
    maxPwdAgeNever: true,
    ous: [AD_CONTAINERS.staff, AD_CONTAINERS.groups],
    users: [service, ...Object.values(AD_USERS).map(userRecord)],
    groups,
    denyRead,
  };
}

function bulkSpec(count: number): Record<string, unknown> {
  const users = Array.from({ length: count }, (_, index) => {
    const { dn, sAMAccountName, mail } = bulkUser(index + 1);
    const attributes = {
      sAMAccountName,
      userPrincipalName: `${sAMAccountName}@${AD_DNS_DOMAIN}`,
      mail,
      givenName: 'Bulk',
      sn: sAMAccountName,
      userAccountControl: String(UAC.passwordNotRequired),
    };
    return { dn, attributes };
  });
  return { ous: [AD_CONTAINERS.bulk], users };
}

/** Changes with the installed Samba (the binary's size and date), this file, the seed script and the fixtures. */
function templateKey(): string {
  const binary = statSync(requireSambaBinary('samba'));
  return createHash('sha256')
    .update(readFileSync(import.meta.filename))
    .update(`${binary.size} ${binary.mtimeMs}`)
    .update(readFileSync(AD_SEED_SCRIPT))
    .update(JSON.stringify(fixtureSpec()))
    .digest('hex')
    .slice(0, 12);
}

const cached = new Map<number, Promise<SambaAdTemplate>>();

/**
 * The template for this machine's Samba, these fixtures and this many bulk users: provisioned
 * (about 7 s, plus ~5 s per 1,500 bulk users) by the first process that needs it, under a
 * host-wide lock, and reused by every later start and run (kept in the temp directory under a
 * key of all three). Building never starts Samba, so it does not need the fixed ports.
 */
export function sambaAdTemplate(bulkUsers = 0): Promise<SambaAdTemplate> {
  let template = cached.get(bulkUsers);
  if (!template) {
    template = findOrBuild(bulkUsers);
    cached.set(bulkUsers, template);
  }
  return template;
}

async function findOrBuild(bulkUsers: number): Promise<SambaAdTemplate> {
  assertSambaAdPrerequisites();
  const base = bulkUsers === 0 ? undefined : await sambaAdTemplate(0);
  const key = templateKey();
  const dir = join(tmpdir(), `${TEMPLATE_PREFIX}${key}${bulkUsers === 0 ? '' : `-bulk${bulkUsers}`}`);
  const ready = join(dir, 'template.json');
  const template: SambaAdTemplate = { dir, bulkUsers };
  if (existsSync(ready)) return template;
  const lock = await acquireHostLock(`${dir}.lock`, BUILD_TIMEOUT_MS);
  try {
    if (existsSync(ready)) return template;
    rmSync(dir, { recursive: true, force: true }); // a build that died half-way
    try {
      if (base) {
        copyDomain(base.dir, dir);
        await seed(dir, bulkSpec(bulkUsers));
      } else {
        await provision(dir);
      }
    } catch (error) {
      rmSync(dir, { recursive: true, force: true });
      throw error;
    }
    writeFileSync(ready, JSON.stringify({ bulkUsers })); // written last: its presence means "complete"
    removeStaleTemplates(TEMPLATE_PREFIX, key);
    return template;
  } finally {
    lock.release();
  }
}

/** Copies a stopped domain directory, modes included (Samba insists on 0700 here and there); smb.conf holds its only absolute paths. */
export function copyDomain(from: string, to: string): void {
  copyTree(from, to, /^(template\.json|samba\.out|log\..*|.*\.pid|msg\.sock|msg\.lock)$/);
  writeFileSync(smbConf(to), readFileSync(smbConf(from), 'utf8').split(from).join(to));
}

function copyTree(from: string, to: string, skip: RegExp): void {
  mkdirSync(to, { recursive: true, mode: statSync(from).mode & 0o7777 });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (skip.test(entry.name)) continue;
    const [source, target] = [join(from, entry.name), join(to, entry.name)];
    if (entry.isDirectory()) copyTree(source, target, skip);
    else if (entry.isFile()) {
      copyFileSync(source, target);
      chmodSync(target, statSync(source).mode & 0o7777);
    }
  }
}

async function seed(dir: string, spec: Record<string, unknown>): Promise<void> {
  await run(SAMBA_PYTHON, [AD_SEED_SCRIPT, smbConf(dir)], { input: JSON.stringify(spec), timeoutMs: BUILD_TIMEOUT_MS });
}

// Only what the tests use: LDAP (+ CLDAP) and the KDC. No smbd, DNS, winbindd or RPC (whose
// dynamic ports would collide with other suites' free ports); simple binds allowed on plain 389
// (AD refuses them without TLS by default); logs and pids inside the directory; our certificate.
function serviceSettings(dir: string): string {
  return [
    'server services = ldap, cldap, kdc',
    'ldap server require strong auth = no',
    `log file = ${dir}/log.%m`,
    `pid directory = ${dir}/run`,
    `ncalrpc dir = ${dir}/run/ncalrpc`,
    'tls enabled = yes',
    `tls keyfile = ${dir}/certs/server.key`,
    `tls certfile = ${dir}/certs/server.crt`,
    `tls cafile = ${dir}/certs/ca.crt`,
  ]
    .map((line) => `\t${line}`)
    .join('\n');
}

async function provision(dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  await run(
    requireSambaBinary('samba-tool'),
    [
      'domain',
      'provision',
      `--realm=${AD_REALM}`,
      `--domain=${AD_DOMAIN}`,
      '--server-role=dc',
      '--dns-backend=SAMBA_INTERNAL',
      `--adminpass=${AD_PASSWORD}`,
      `--targetdir=${dir}`,
      '--host-name=dc1',
      '--host-ip=127.0.0.1',
      '--use-rfc2307',
      '--option=interfaces=lo',
      '--option=bind interfaces only=yes',
    ],
    { timeoutMs: BUILD_TIMEOUT_MS },
  );
  // provisioning copies the host's resolver into "dns forwarder" and logs to /var/log/samba: drop both
  const conf = readFileSync(smbConf(dir), 'utf8')
    .split('\n')
    .filter((line) => !/^\s*(dns forwarder|log file)\s*=/.test(line))
    .join('\n')
    .replace(/^\[global\]$/m, `[global]\n${serviceSettings(dir)}`);
  writeFileSync(smbConf(dir), conf);
  mkdirSync(join(dir, 'run'), { recursive: true });
  await installCertificate(dir);
  await seed(dir, fixtureSpec());
}

/** Samba would generate a certificate for dc1.example.test only: use one for 127.0.0.1 from the tests' CA. */
async function installCertificate(dir: string): Promise<void> {
  const material = await tlsMaterial();
  mkdirSync(join(dir, 'certs'));
  copyFileSync(material.ca.path, join(dir, 'certs', 'ca.crt'));
  copyFileSync(material.valid.cert.path, join(dir, 'certs', 'server.crt'));
  copyFileSync(material.valid.key.path, join(dir, 'certs', 'server.key'));
  chmodSync(join(dir, 'certs', 'server.key'), 0o600);
}
