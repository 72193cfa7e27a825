import { lookup } from 'node:dns/promises';
import { isIP, isIPv6, type LookupFunction } from 'node:net';

import { type TargetRule, targetRefusal } from '../common/network-targets.js';
import { LdapError, toLdapError } from './ldap.error.js';

let allowList: readonly TargetRule[] = [];

/** Sets the allow-list (LDAP_ALLOWED_TARGETS, parsed at boot) for every connection of this process. */
export function configureAllowedTargets(rules: readonly TargetRule[]): void {
  allowList = rules;
}

/** A target that may be dialled: its addresses, and a `lookup` for net/tls.connect that answers only those. */
export interface AllowedTarget {
  addresses: string[];
  lookup: LookupFunction;
}

/**
 * Resolves `host` and checks every address before anything is dialled (see targetRefusal: never
 * link-local or cloud metadata; only the allow-list's targets when one is set). The returned
 * `lookup` pins the connection to the checked addresses, so a second DNS answer cannot swap them.
 * Throws LdapError TARGET_REFUSED, or DNS/TIMEOUT when the name does not resolve in `timeoutMs`.
 */
export async function resolveAllowedTarget(host: string, port: number, timeoutMs: number): Promise<AllowedTarget> {
  const addresses = isIP(host) ? [host] : await resolve(host, timeoutMs);
  const refusal = targetRefusal(host, port, addresses, [...allowList]);
  if (refusal) throw new LdapError('TARGET_REFUSED', refusal, { detail: refusal });
  return { addresses, lookup: pinnedLookup(addresses) };
}

async function resolve(host: string, timeoutMs: number): Promise<string[]> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new LdapError('TIMEOUT', `DNS lookup of ${host} took longer than ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  try {
    const result = await Promise.race([lookup(host, { all: true, verbatim: true }), timeout]);
    if (result.length === 0)
      throw new LdapError('DNS', `${host} has no address`, { detail: `DNS lookup of "${host}" returned no address` });
    return result.map((entry) => entry.address);
  } catch (error) {
    throw toLdapError(error);
  } finally {
    clearTimeout(timer);
  }
}

function pinnedLookup(addresses: string[]): LookupFunction {
  const entries = addresses.map((address) => ({ address, family: isIPv6(address) ? 6 : 4 }));
  return (hostname, options, callback) => {
    const fitting = entries.filter((entry) => !options.family || entry.family === options.family);
    if (fitting.length === 0) {
      const error = Object.assign(new Error(`${hostname} has no allowed address of this family`), {
        code: 'ENOTFOUND',
      });
      callback(error, '', 0);
    } else if (options.all) callback(null, fitting);
    else callback(null, fitting[0].address, fitting[0].family);
  };
}
