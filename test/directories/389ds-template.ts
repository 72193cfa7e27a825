import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

import { freePorts } from '../support/free-port.js';
import { run } from '../support/processes.js';
import { assert389Prerequisites, require389Binary } from './389ds-prerequisites.js';
import { IPA_BASE_DN, IPA_FIXTURE_FILES, IPA_ROOT_ACCOUNT } from './ipa-fixtures.js';
import { acquireHostLock, removeStaleTemplates } from './samba-ad-lock.js';
import { tlsMaterial } from './tls.js';

const BUILD_TIMEOUT_MS = 240_000;
const DEFAULTS_INF = '/usr/share/dirsrv/inf/defaults.inf';

/** A provisioned, seeded and stopped 389-ds instance that each test suite copies. */
export interface Ds389Template {
  /** Everything lives under here; dse.ldif names this path, which copies rewrite. */
  dir: string;
  /** Instance name the template was created with (slapd-<name> directories). */
  instance: string;
}

interface TemplateRecord {
  instance: string;
}

const TEMPLATE_PREFIX = 'helpdesk-389ds-template-';
export const instanceConfigDir = (dir: string, instance: string): string =>
  join(dir, 'etc', 'dirsrv', `slapd-${instance}`);
export const ldapiPath = (dir: string, instance: string): string => join(dir, 'run', `slapd-${instance}.socket`);

/** Changes with the installed 389-ds-base (its defaults name the version; the binary's size and date), this file and the fixtures. */
function templateKey(): string {
  const binary = statSync(require389Binary('ns-slapd'));
  const hash = createHash('sha256')
    .update(readFileSync(import.meta.filename))
    .update(`${binary.size} ${binary.mtimeMs}`);
  for (const file of [DEFAULTS_INF, ...Object.values(IPA_FIXTURE_FILES)]) hash.update(readFileSync(file));
  return hash.digest('hex').slice(0, 12);
}

let cached: Promise<Ds389Template> | undefined;

/**
 * The template for this machine's 389-ds version and these fixtures, provisioned (about 20 s) by
 * the first process that needs it and reused by every later suite and run: kept in the temp
 * directory under a key of both, and built under a host-wide lock so parallel suites wait for
 * one build instead of each running dscreate.
 */
export function ds389Template(): Promise<Ds389Template> {
  cached ??= findOrBuild();
  return cached;
}

async function findOrBuild(): Promise<Ds389Template> {
  assert389Prerequisites();
  const key = templateKey();
  const dir = join(tmpdir(), `${TEMPLATE_PREFIX}${key}`);
  const existing = readTemplate(dir);
  if (existing) return existing;
  const lock = await acquireHostLock(`${dir}.lock`, BUILD_TIMEOUT_MS);
  try {
    const builtMeanwhile = readTemplate(dir);
    if (builtMeanwhile) return builtMeanwhile;
    rmSync(dir, { recursive: true, force: true }); // a build that died half-way
    const instance = `hdtpl${randomBytes(4).toString('hex')}`;
    try {
      await build(dir, instance);
    } catch (error) {
      await run(require389Binary('dsctl'), [instance, 'stop'], { env: dsEnv(dir) }).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
      throw error;
    }
    // written last: its presence means "complete"
    writeFileSync(join(dir, 'template.json'), JSON.stringify({ instance } satisfies TemplateRecord));
    removeStaleTemplates(TEMPLATE_PREFIX, key);
    return { dir, instance };
  } finally {
    lock.release();
  }
}

function readTemplate(dir: string): Ds389Template | undefined {
  const record = join(dir, 'template.json');
  if (!existsSync(record)) return undefined;
  const { instance } = JSON.parse(readFileSync(record, 'utf8')) as TemplateRecord;
  return { dir, instance };
}

/** lib389 reads $PREFIX/share/dirsrv/inf/defaults.inf: ours moves every path under dir, and no systemd. */
const dsEnv = (dir: string): NodeJS.ProcessEnv => ({ ...process.env, PREFIX: dir, LDAPNOINIT: '1' });

function writeDefaults(dir: string): void {
  const defaults = readFileSync(DEFAULTS_INF, 'utf8')
    .replace(/= \/dev\/shm/g, `= ${dir}/var/shm`)
    .replace(/= \/(etc|var|run)\b/g, `= ${dir}/$1`)
    .replace(/^tmp_dir = .*$/m, `tmp_dir = ${dir}/tmp`)
    .replace(/^with_systemd = .*$/m, 'with_systemd = 0');
  mkdirSync(join(dir, 'share', 'dirsrv', 'inf'), { recursive: true });
  writeFileSync(join(dir, 'share', 'dirsrv', 'inf', 'defaults.inf'), defaults);
  // the templates dscreate copies from $PREFIX/etc/dirsrv
  for (const sub of ['config', 'schema'])
    cpSync(join('/etc/dirsrv', sub), join(dir, 'etc', 'dirsrv', sub), { recursive: true });
  mkdirSync(join(dir, 'tmp'));
}

function createInf(instance: string, port: number, securePort: number): string {
  // our own user: with the default "dirsrv" user, ns-slapd cannot traverse our 0700 temp dirs
  const { username } = userInfo();
  return `[general]
full_machine_name = localhost
strict_host_checking = False
selinux = False
systemd = False
start = True
[slapd]
instance_name = ${instance}
user = ${username}
group = ${username}
port = ${port}
secure_port = ${securePort}
root_dn = ${IPA_ROOT_ACCOUNT.dn}
root_password = ${IPA_ROOT_ACCOUNT.password}
self_sign_cert = True
[backend-userroot]
suffix = ${IPA_BASE_DN}
create_suffix_entry = True
sample_entries = no
`;
}

// Loopback only; access log unbuffered (tests read it); MemberOf and referential integrity on as
// in FreeIPA (memberOf lists nested groups too; renames and deletions follow into member); small
// fixed caches instead of autosizing to the host's RAM, so each copy starts quickly.
const CONFIG_LDIF = `dn: cn=config
changetype: modify
replace: nsslapd-listenhost
nsslapd-listenhost: 127.0.0.1
-
replace: nsslapd-securelistenhost
nsslapd-securelistenhost: 127.0.0.1
-
replace: nsslapd-accesslog-logbuffering
nsslapd-accesslog-logbuffering: off

dn: cn=MemberOf Plugin,cn=plugins,cn=config
changetype: modify
replace: nsslapd-pluginEnabled
nsslapd-pluginEnabled: on

dn: cn=referential integrity postoperation,cn=plugins,cn=config
changetype: modify
replace: nsslapd-pluginEnabled
nsslapd-pluginEnabled: on

dn: cn=config,cn=ldbm database,cn=plugins,cn=config
changetype: modify
replace: nsslapd-cache-autosize
nsslapd-cache-autosize: 0

dn: cn=config,cn=ldbm database,cn=plugins,cn=config
changetype: modify
replace: nsslapd-dbcachesize
nsslapd-dbcachesize: 16777216

dn: cn=userroot,cn=ldbm database,cn=plugins,cn=config
changetype: modify
replace: nsslapd-cachememsize
nsslapd-cachememsize: 33554432
-
replace: nsslapd-dncachememsize
nsslapd-dncachememsize: 16777216
`;

export async function ldapModifyOverLdapi(
  dir: string,
  instance: string,
  ldif: string,
  extraArgs: string[] = [],
): Promise<void> {
  const url = `ldapi://${encodeURIComponent(ldapiPath(dir, instance))}`;
  // root's uid autobinds over ldapi:// as cn=Directory Manager (nsslapd-ldapimaprootdn)
  await run(require389Binary('ldapmodify'), ['-Q', '-Y', 'EXTERNAL', '-H', url, ...extraArgs], {
    input: ldif,
    env: dsEnv(dir),
  });
}

async function build(dir: string, instance: string): Promise<void> {
  const env = dsEnv(dir);
  const dsctl = (...args: string[]) => run(require389Binary('dsctl'), [instance, ...args], { env });
  writeDefaults(dir);
  const [port, securePort] = await freePorts(2);
  writeFileSync(join(dir, 'ds.inf'), createInf(instance, port, securePort));
  await run(require389Binary('dscreate'), ['from-file', join(dir, 'ds.inf')], { env, timeoutMs: BUILD_TIMEOUT_MS });
  await ldapModifyOverLdapi(dir, instance, CONFIG_LDIF);
  await dsctl('stop');
  await installCertificate(dir, dsctl);
  copyFileSync(IPA_FIXTURE_FILES.schema, join(instanceConfigDir(dir, instance), 'schema', '60ipa-subset.ldif'));
  await dsctl('start');
  const data = [IPA_FIXTURE_FILES.tree, IPA_FIXTURE_FILES.users, IPA_FIXTURE_FILES.groups].map((file) =>
    readFileSync(file, 'utf8'),
  );
  await ldapModifyOverLdapi(dir, instance, data.join('\n'));
  await dsctl('stop');
}

/** dscreate's self-signed certificate names only localhost: replace it with one for 127.0.0.1 from the tests' CA. */
async function installCertificate(dir: string, dsctl: (...args: string[]) => Promise<unknown>): Promise<void> {
  const material = await tlsMaterial();
  const certs = join(dir, 'certs');
  mkdirSync(certs);
  copyFileSync(material.ca.path, join(certs, 'ca.crt'));
  copyFileSync(material.valid.cert.path, join(certs, 'server.crt'));
  copyFileSync(material.valid.key.path, join(certs, 'server.key'));
  await dsctl('tls', 'import-ca', join(certs, 'ca.crt'), 'helpdesk-test-ca');
  await dsctl('tls', 'import-server-key-cert', join(certs, 'server.crt'), join(certs, 'server.key'));
}
