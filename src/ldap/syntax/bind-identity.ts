import { DnSyntaxError, isValidDn, parseDn } from './dn.js';
import { escapeDnValue } from './escape.js';

export type BindForm = 'dn' | 'upn' | 'down-level' | 'composed' | 'bind-dn';

export interface BindIdentity {
  bindAs: string;
  form: BindForm;
}

export class BindIdentityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BindIdentityError';
  }
}

const UPN = /^[^@\s\\]+@[^@\s\\]+$/;
// NetBIOS domain (or DNS domain) and sAMAccountName, as Windows writes them: DOMAIN\user.
const DOWN_LEVEL = /^[^\\\s=,]+\\[^\\]+$/;

/**
 * What to bind as, from the "Bind username" and "Bind DN" settings. A plain name becomes
 * cn={name},{bindDn} (how Azure AD DS and many OpenLDAP setups name service accounts); a DN,
 * user@domain or DOMAIN\user is bound as given; no name means bindDn is the account itself.
 */
export function resolveBindIdentity(bindUsername: string | undefined | null, bindDn: string): BindIdentity {
  const name = (bindUsername ?? '').trim();
  const base = bindDn.trim();
  if (name === '') {
    if (base === '') throw new BindIdentityError('no bind identity: set Bind DN or Bind username');
    return { bindAs: base, form: 'bind-dn' };
  }
  if (name.includes('=')) return { bindAs: asDn(name), form: 'dn' };
  if (UPN.test(name)) return { bindAs: name, form: 'upn' };
  if (DOWN_LEVEL.test(name)) return { bindAs: name, form: 'down-level' };
  return { bindAs: compose(name, base), form: 'composed' };
}

function asDn(name: string): string {
  try {
    parseDn(name);
    return name;
  } catch (error) {
    if (!(error instanceof DnSyntaxError)) throw error;
    throw new BindIdentityError(`Bind username looks like a DN but is not one: ${error.message}`);
  }
}

function compose(name: string, base: string): string {
  if (!isValidDn(base)) {
    throw new BindIdentityError(
      `Bind username "${name}" is a plain name, so Bind DN must be the DN it lives under, such as ou=service,dc=example,dc=com`,
    );
  }
  return `cn=${escapeDnValue(name)},${base}`;
}
