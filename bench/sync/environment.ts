import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { generateUsersLdif } from '../../test/directories/generate.js';
import { replaceRecord } from '../../test/directories/ldif.js';
import { type OpenLdapServer, startOpenLdap } from '../../test/directories/openldap.js';
import type { SizeEnvironment } from './types.js';

/** Users each mailbox filter names a group of (memberOf); every generated user is in 1 to 3 of 20 groups. */
const MAILBOX_GROUPS = 3;
export const CHANGED_ENTRIES = 10;

export interface StartedSize {
  env: SizeEnvironment;
  stop(): Promise<void>;
}

/**
 * A generated directory of `users` people (10 OUs, 20 groups) in a throwaway slapd with the
 * server's default size limit, shared by the database runs of this size. `indexModifyTimestamp`:
 * slapd gets `index modifyTimestamp eq`, the index the README tells admins a delta needs.
 */
export async function startSize(
  users: number,
  mariadbUrl: string,
  { indexModifyTimestamp }: { indexModifyTimestamp: boolean },
): Promise<StartedSize> {
  const generated = await generateUsersLdif(users, { ous: 10, groups: 20 });
  const ldap: OpenLdapServer = await startOpenLdap({
    seed: false,
    tls: 'none',
    bulkLdif: generated.path,
    sizeLimit: 500,
    indexModifyTimestamp,
  });
  // slapadd stamps every entry within a second or two: a live directory has changed since its
  // load, and the delta mark (modifyTimestamp>=, one-second resolution) starts after it
  await new Promise((resolve) => setTimeout(resolve, 1_100));
  await ldap.ldapModify(replaceRecord(generated.dn(users), 'description', ['changed after the bulk load']));
  const scratchDir = mkdtempSync(join(tmpdir(), 'bench-sync-'));
  const step = Math.floor(users / CHANGED_ENTRIES);
  const env: SizeEnvironment = {
    users,
    ldap: {
      host: ldap.host,
      port: ldap.port,
      url: ldap.url,
      baseDn: ldap.baseDn,
      serviceDn: ldap.serviceDn,
      servicePassword: ldap.servicePassword,
      rootDn: ldap.rootDn,
      rootPassword: ldap.rootPassword,
      pid: ldap.pid ?? 0,
    },
    containerDn: generated.containerDn,
    mailboxGroupDns: generated.groupDns.slice(0, MAILBOX_GROUPS),
    // spread over the directory, not the first page only
    changedDns: Array.from({ length: CHANGED_ENTRIES }, (_, k) => generated.dn(1 + k * step)),
    mariadbUrl,
    scratchDir,
    touchedAt: Date.now(),
  };
  return {
    env,
    stop: async () => {
      await ldap.stop();
      rmSync(scratchDir, { recursive: true, force: true });
    },
  };
}
