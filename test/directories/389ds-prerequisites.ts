import { findBinary } from '../support/prerequisites.js';

export const DS389_INSTALL_COMMAND =
  'apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends 389-ds-base ldap-utils openssl';
/** dscreate/dsctl provision the template, ns-slapd runs each copy, ldapmodify loads data over ldapi://. */
export const DS389_BINARIES: readonly string[] = ['ns-slapd', 'dscreate', 'dsctl', 'ldapmodify', 'openssl', 'flock'];

/** Fails (never skips) naming every missing program and the command that installs them. */
export function assert389Prerequisites(bins: readonly string[] = DS389_BINARIES): void {
  const missing = bins.filter((name) => !findBinary(name));
  if (missing.length === 0) return;
  throw new Error(
    `The 389 Directory Server (FreeIPA) tests need real servers, but these programs are missing: ${missing.join(', ')}.\n` +
      `Install them with:\n  ${DS389_INSTALL_COMMAND}`,
  );
}

export function require389Binary(name: string): string {
  assert389Prerequisites([name]);
  return findBinary(name)!;
}
