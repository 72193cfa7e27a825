import { Injectable } from '@nestjs/common';

import { LdapClientService } from '../../ldap/directory/ldap-client.service.js';
import { LdapError } from '../../ldap/ldap.error.js';
import type { LdapSettings } from '../../ldap/settings/ldap-settings.types.js';
import { escapeFilterValue } from '../../ldap/syntax/escape.js';

/** What to search for: the login as typed, the name of a `DOMAIN\name` in our domain, or a refusal. */
export type ResolvedLogin = { ok: true; login: string } | { ok: false; reason: string };

// A NetBIOS name read from the directory is kept this long per server and service account.
const CACHE_MS = 300_000;
const DOWN_LEVEL = /^([^\\]+)\\([^\\]+)$/;

/**
 * The forms Active Directory users type at a sign-in form: `sAMAccountName` and `name@upn-suffix`
 * are login attributes of the AD preset; `DOMAIN\name` (the down-level logon name, MS-ADTS §5.1.1.1.1)
 * is resolved here: the prefix must be the directory's NetBIOS domain (read from the crossRef of
 * the default naming context under CN=Partitions, MS-ADTS §6.1.1.2.1.1.5), and then `name` is
 * searched. An unknown prefix is refused, never stripped. A directory without a NetBIOS domain
 * (not AD) searches the login as typed, backslash included.
 */
@Injectable()
export class LoginForms {
  private readonly netbios = new Map<string, { at: number; name: Promise<string | null> }>();

  constructor(private readonly client: LdapClientService) {}

  /** Throws the LdapError of a directory that could not be read (the caller's "unavailable"). */
  async resolve(login: string, settings: LdapSettings): Promise<ResolvedLogin> {
    const match = DOWN_LEVEL.exec(login);
    if (!match) return { ok: true, login };
    const domain = await this.netbiosDomain(settings);
    if (domain === null) return { ok: true, login };
    const [, prefix, name] = match;
    if (prefix.toUpperCase() === domain.toUpperCase()) return { ok: true, login: name };
    return { ok: false, reason: `unknown domain prefix ${prefix} (the directory's NetBIOS domain is ${domain})` };
  }

  private netbiosDomain(settings: LdapSettings): Promise<string | null> {
    const key = JSON.stringify([settings.host, settings.port, settings.bindDn, settings.bindUsername]);
    const cached = this.netbios.get(key);
    if (cached && Date.now() - cached.at < CACHE_MS) return cached.name;
    const name = this.readNetbiosDomain();
    this.netbios.set(key, { at: Date.now(), name });
    name.catch(() => this.netbios.delete(key));
    return name;
  }

  private readNetbiosDomain(): Promise<string | null> {
    return this.client.withService(async (conn) => {
      const dse = await conn.rootDse(['configurationNamingContext', 'defaultNamingContext']);
      const config = dse?.attributes.configurationNamingContext?.[0];
      const base = dse?.attributes.defaultNamingContext?.[0];
      if (!config || !base) return null;
      const refs = await conn
        .search(`CN=Partitions,${config}`, {
          scope: 'one',
          filter: `(&(objectClass=crossRef)(nCName=${escapeFilterValue(base)}))`,
          attributes: ['nETBIOSName'],
        })
        .catch((error: unknown) => {
          if (error instanceof LdapError && error.code === 'NO_SUCH_OBJECT') return [];
          throw error;
        });
      return refs[0]?.attributes.nETBIOSName?.[0] ?? null;
    });
  }
}
