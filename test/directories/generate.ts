import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';

import { onProcessExit } from '../support/processes.js';
import { BASE_DN, DEFAULT_PASSWORD } from './fixtures.js';
import { ssha } from './openldap-config.js';

export interface GenerateUsersOptions {
  /** Default dc=example,dc=com. Everything goes under ou=load,<baseDn>. */
  baseDn?: string;
  /** Number of OUs the users are spread over (ou=ou00 …). Default 10. */
  ous?: number;
  /** Number of groupOfNames groups (cn=g00 …); every user is in 1 to 3 of them. Default 20. */
  groups?: number;
  /** Everybody's password. Default Passw0rd!. */
  password?: string;
  /** Seed of the pseudo-random group choice: same seed, same file. Default 42. */
  seed?: number;
  /** Where to write; default a temp file removed when the process exits. */
  path?: string;
}

export interface GeneratedUsers {
  path: string;
  count: number;
  /** ou=load,<baseDn>: a search scope holding every generated user. */
  containerDn: string;
  ouDns: string[];
  groupDns: string[];
  /** uid of user i (1-based): u000001 … */
  uid(i: number): string;
  dn(i: number): string;
  mail(i: number): string;
}

const FIRST = ['Ada', 'Alan', 'Barbara', 'Dennis', 'Edsger', 'Grace', 'Ken', 'Linus', 'Margaret', 'Radia'];
const LAST = ['Hopper', 'Knuth', 'Liskov', 'Lovelace', 'Müller', 'Perlman', 'Ritchie', 'Thompson', 'Turing'];
const TITLES = ['Engineer', 'Analyst', 'Manager', 'Director', 'Intern', 'Architect'];

/** mulberry32: a tiny deterministic PRNG, returns floats in [0, 1). */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pickGroups(random: () => number, groups: number): number[] {
  const wanted = Math.min(groups, 1 + Math.floor(random() * 3));
  const picked = new Set<number>();
  while (picked.size < wanted) picked.add(Math.floor(random() * groups));
  return [...picked];
}

function entry(dn: string, lines: string[]): string {
  return `dn: ${dn}\n${lines.join('\n')}\n\n`;
}

/**
 * Writes N inetOrgPerson users for slapadd (OpenLdapOptions.bulkLdif). slapadd runs no overlays,
 * so memberOf is written here; do not ldapadd this file (memberOf is NO-USER-MODIFICATION there).
 * Values are ASCII except sn "Müller", written base64 as LDIF requires. ~100k users/s.
 */
export async function generateUsersLdif(n: number, options: GenerateUsersOptions = {}): Promise<GeneratedUsers> {
  const { baseDn = BASE_DN, ous = 10, groups = 20, password = DEFAULT_PASSWORD, seed = 42 } = options;
  const path = options.path ?? temporaryFile();
  const containerDn = `ou=load,${baseDn}`;
  const ouNames = Array.from({ length: ous }, (_, o) => `ou${String(o).padStart(2, '0')}`);
  const groupNames = Array.from({ length: groups }, (_, g) => `g${String(g).padStart(2, '0')}`);
  const ouDns = ouNames.map((name) => `ou=${name},${containerDn}`);
  const groupDns = groupNames.map((name) => `cn=${name},ou=groups,${containerDn}`);
  const uid = (i: number): string => `u${String(i).padStart(6, '0')}`;
  const dn = (i: number): string => `uid=${uid(i)},${ouDns[i % ous]}`;
  const mail = (i: number): string => `${uid(i)}@example.com`;
  const random = prng(seed);
  const hash = ssha(password);
  const members: number[][] = groupDns.map(() => []);
  const out = createWriteStream(path);
  const write = async (text: string): Promise<void> => {
    if (!out.write(text)) await once(out, 'drain');
  };

  await write(entry(containerDn, ['objectClass: organizationalUnit', 'ou: load']));
  await write(entry(`ou=groups,${containerDn}`, ['objectClass: organizationalUnit', 'ou: groups']));
  for (const [o, ouDn] of ouDns.entries())
    await write(entry(ouDn, ['objectClass: organizationalUnit', `ou: ${ouNames[o]}`]));
  let chunk = '';
  for (let i = 1; i <= n; i += 1) {
    const first = FIRST[Math.floor(random() * FIRST.length)];
    const last = LAST[Math.floor(random() * LAST.length)];
    const inGroups = groups > 0 ? pickGroups(random, groups) : [];
    inGroups.forEach((g) => members[g].push(i));
    chunk += entry(dn(i), [
      'objectClass: inetOrgPerson',
      `uid: ${uid(i)}`,
      `cn: ${first} ${last} ${i}`,
      last === 'Müller' ? 'sn:: TcO8bGxlcg==' : `sn: ${last}`,
      `givenName: ${first}`,
      `mail: ${mail(i)}`,
      `employeeNumber: ${i}`,
      `title: ${TITLES[i % TITLES.length]}`,
      `telephoneNumber: +1 555 ${String(i).padStart(7, '0')}`,
      `userPassword: ${hash}`,
      ...inGroups.map((g) => `memberOf: ${groupDns[g]}`),
    ]);
    if (i % 1000 === 0) {
      await write(chunk);
      chunk = '';
    }
  }
  await write(chunk);
  for (const [g, groupDn] of groupDns.entries()) {
    // a groupOfNames needs a member: an empty one gets the placeholder refint also uses
    const memberDns = members[g].length > 0 ? members[g].map(dn) : [`cn=nobody,${baseDn}`];
    await write(
      entry(groupDn, ['objectClass: groupOfNames', `cn: ${groupNames[g]}`, ...memberDns.map((m) => `member: ${m}`)]),
    );
  }
  out.end();
  await once(out, 'finish');
  return { path, count: n, containerDn, ouDns, groupDns, uid, dn, mail };
}

function temporaryFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'helpdesk-ldif-'));
  onProcessExit(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'users.ldif');
}
