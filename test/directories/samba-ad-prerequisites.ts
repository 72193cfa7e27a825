import { existsSync } from 'node:fs';

import { findBinary } from '../support/prerequisites.js';

export const SAMBA_AD_INSTALL_COMMAND =
  'apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ' +
  'samba samba-ad-dc samba-dsdb-modules samba-ad-provision krb5-user ldap-utils openssl';
/** samba-tool provisions the template; samba runs it; Debian's own python3 (not a pyenv one) has the samba module the seed script uses. */
export const SAMBA_AD_BINARIES: readonly string[] = ['samba', 'samba-tool', 'ldapmodify', 'openssl', 'flock'];
export const SAMBA_PYTHON = '/usr/bin/python3';
const SAMBA_PYTHON_MODULE = '/usr/lib/python3/dist-packages/samba/samdb.py';

/** Fails (never skips) naming every missing program and the command that installs them. */
export function assertSambaAdPrerequisites(bins: readonly string[] = SAMBA_AD_BINARIES): void {
  const missing = bins.filter((name) => !findBinary(name));
  if (!existsSync(SAMBA_PYTHON_MODULE)) missing.push(`python3-samba (${SAMBA_PYTHON_MODULE})`);
  if (missing.length === 0) return;
  throw new Error(
    `The Active Directory (Samba AD DC) tests need real servers, but these programs are missing: ${missing.join(', ')}.\n` +
      `Install them with:\n  ${SAMBA_AD_INSTALL_COMMAND}`,
  );
}

export function requireSambaBinary(name: string): string {
  assertSambaAdPrerequisites([name]);
  return findBinary(name)!;
}
