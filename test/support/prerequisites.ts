import { findBinary, INSTALL_COMMAND } from './global-setup.js';

export {
  assertPrerequisites,
  findBinary,
  INSTALL_COMMAND,
  LDAP_BINARIES,
  MARIADB_BINARIES,
  SERVER_BINARIES,
} from './global-setup.js';

/** Absolute path of a binary (slapd is in /usr/sbin, often not on PATH); throws the install hint when missing. */
export function requireBinary(name: string): string {
  const path = findBinary(name);
  if (path) return path;
  throw new Error(`Integration tests need ${name}, which is missing. Install it with:\n  ${INSTALL_COMMAND}`);
}
