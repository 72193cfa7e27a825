import { familiesCovered, parseCidr, WIDEST_PROXY_PREFIX } from '../../common/cidr.js';
import { storedFilter } from '../../common/validators.js';
import { BindIdentityError, resolveBindIdentity } from '../syntax/bind-identity.js';
import { DEFAULT_PORTS, HostSyntaxError, parseLdapHost } from '../syntax/host.js';
import { LdapServerDto, LdapSettingsDto } from './dto/ldap-settings.dto.js';
import { LdapServer, LdapSettings } from './ldap-settings.types.js';
import { applyPreset } from '../flavours/presets.js';

export const SECRET_MASK = '********';

export class SettingsValidationError extends Error {
  constructor(readonly messages: string[]) {
    super(messages.join('; '));
  }
}

/** Fields that say where the bind password goes and how the server is verified: changing one needs the password again. */
export const TARGET_FIELDS = [
  'host',
  'port',
  'backupServers',
  'srvDomain',
  'encryption',
  'caCertificate',
  'verifyCertificate',
  'bindDn',
  'bindUsername',
] as const;

/** True when a rule reads `field` and the field (or a part or a parent of it) failed its own check. */
export type FailedField = (field: string) => boolean;

/** The FailedField of a list of dotted paths that failed the DTO's checks. */
export function failedFields(failed: readonly string[]): FailedField {
  return (field) =>
    failed.some((path) => path === field || path.startsWith(`${field}.`) || field.startsWith(`${path}.`));
}

/**
 * Applies a (partial) PUT body to the current settings and checks what no single-field
 * decorator can: the host form, cross-field rules, CIDRs. Returns the notes to show the admin.
 * Throws SettingsValidationError with every rule's message.
 */
export function mergeSettings(
  current: LdapSettings,
  dto: LdapSettingsDto,
): { settings: LdapSettings; notes: string[] } {
  const merged = mergeSettingsChecked(current, dto, () => false);
  if (merged.errors.length > 0) throw new SettingsValidationError(merged.errors);
  return merged;
}

/**
 * mergeSettings that returns its errors instead of throwing. `failed` tells the fields that
 * already failed their type checks (and are absent from `dto`): a rule that reads one is skipped,
 * since its message would be about a value the admin did not send.
 */
export function mergeSettingsChecked(
  current: LdapSettings,
  dto: LdapSettingsDto,
  failed: FailedField,
): { settings: LdapSettings; notes: string[]; errors: string[] } {
  const {
    bindPassword: _p,
    version: _v,
    preset,
    sync,
    sso,
    attributeMap,
    searchScopes,
    backupServers,
    srvDomain,
    ...plain
  } = dto;
  let next: LdapSettings = { ...current };
  if (preset) next = applyPreset(next, preset);
  next = { ...next, ...(definedOnly(plain) as Partial<LdapSettings>) };
  if (attributeMap) next.attributeMap = { ...definedOnly(attributeMap) } as LdapSettings['attributeMap'];
  const notes: string[] = [];
  if (searchScopes) {
    next.searchScopes = searchScopes.map((s, index) => {
      const stored = storedFilter(`searchScopes.${index}.filter`, s.filter);
      notes.push(...stored.notes);
      return { dn: s.dn.trim(), filter: stored.filter };
    });
  }
  if (sync) next.sync = { ...next.sync, ...definedOnly(sync) };
  if (sso) {
    const { secret: _s, ...ssoPlain } = sso;
    next.sso = { ...next.sso, ...definedOnly(ssoPlain) };
  }
  if (srvDomain !== undefined)
    next.srvDomain =
      srvDomain === null || srvDomain.trim() === '' ? null : srvDomain.trim().replace(/\.$/, '').toLowerCase();
  const errors: string[] = [];
  // An empty host is fine when SRV records name the servers (crossFieldErrors checks one of them is set).
  const hostFailed = ['host', 'port', 'encryption', 'enabled', 'srvDomain'].some(failed);
  if (
    !hostFailed &&
    (dto.host !== undefined || dto.port !== undefined || dto.encryption !== undefined) &&
    (next.host.trim() !== '' || (next.enabled && !next.srvDomain))
  ) {
    try {
      const parsed = parseLdapHost({ host: next.host, port: dto.port, encryption: dto.encryption }, current);
      next = { ...next, host: parsed.host, port: parsed.port, encryption: parsed.encryption };
      notes.push(...parsed.notes);
    } catch (error) {
      if (!(error instanceof HostSyntaxError)) throw error;
      errors.push(error.message);
    }
  }
  if (!failed('encryption')) {
    const servers = mergeBackupServers(current, next, backupServers, hostFailed || errors.length > 0);
    next.backupServers = servers.backupServers;
    notes.push(...servers.notes);
    errors.push(...servers.errors);
  }
  errors.push(...crossFieldErrors(next, failed));
  return { settings: next, notes, errors };
}

/**
 * The backup servers after a save. They share the encryption of the first server, so a URL whose
 * scheme says otherwise is refused; a server without a port gets the encryption's default, and one
 * at the old default follows when the encryption changes (as host's port does).
 */
function mergeBackupServers(
  current: LdapSettings,
  next: LdapSettings,
  given: LdapServerDto[] | undefined,
  hostUnknown: boolean,
): { backupServers: LdapServer[]; notes: string[]; errors: string[] } {
  const notes: string[] = [];
  const errors: string[] = [];
  if (given === undefined) {
    const moved = current.encryption !== next.encryption;
    const backupServers = (current.backupServers ?? []).map((server) =>
      moved && server.port === DEFAULT_PORTS[current.encryption]
        ? { host: server.host, port: DEFAULT_PORTS[next.encryption] }
        : server,
    );
    return { backupServers, notes, errors };
  }
  const backupServers: LdapServer[] = [];
  given.forEach((server, index) => {
    const path = `backupServers.${index}.host`;
    try {
      const parsed = parseLdapHost({ host: server.host, port: server.port, encryption: next.encryption });
      if (parsed.encryption !== next.encryption) {
        errors.push(
          `${path}: ${server.host} says ${parsed.encryption}, but every server uses encryption ${next.encryption}`,
        );
        return;
      }
      backupServers.push({ host: parsed.host, port: parsed.port });
    } catch (error) {
      if (!(error instanceof HostSyntaxError)) throw error;
      errors.push(`${path}: ${error.message}`);
    }
  });
  // Against a host that failed its own check, "listed twice" would compare with what was not saved.
  const seen = new Set(hostUnknown ? [] : [`${next.host.toLowerCase()}:${next.port}`]);
  backupServers.forEach((server, index) => {
    const key = `${server.host.toLowerCase()}:${server.port}`;
    if (seen.has(key)) errors.push(`backupServers.${index}.host: ${server.host}:${server.port} is listed twice`);
    seen.add(key);
  });
  return { backupServers, notes, errors };
}

/**
 * Request headers the SSO settings may not name: the browser, HTTP clients or proxies set them
 * (RFC 9110, RFC 6265, RFC 7239, Fetch's sec-*), some carry credentials, and this app reads or
 * sets others itself. The SSO user header holding a session cookie would log it and sign anyone in.
 */
const RESERVED_HEADERS: ReadonlySet<string> = new Set([
  'accept',
  'accept-encoding',
  'accept-language',
  'authorization',
  'connection',
  'content-length',
  'content-type',
  'cookie',
  'forwarded',
  'host',
  'origin',
  'proxy-authorization',
  'referer',
  'set-cookie',
  'te',
  'transfer-encoding',
  'upgrade',
  'user-agent',
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-proto',
  'x-real-ip',
  'x-request-id',
  'x-requested-with',
]);

/** The rules across fields, each skipped when a field it reads failed its own check. */
function crossFieldErrors(s: LdapSettings, failed: FailedField): string[] {
  const errors: string[] = [];
  const reads = (...fields: string[]) => !fields.some(failed);
  if (s.enabled && reads('enabled')) {
    if (s.host.trim() === '' && !s.srvDomain && reads('host', 'srvDomain'))
      errors.push('host (or srvDomain) is required when LDAP is enabled');
    if (s.searchScopes.length === 0 && reads('searchScopes'))
      errors.push('searchScopes needs at least one DN and filter when LDAP is enabled');
    if (s.bindDn === '' && !s.bindUsername && reads('bindDn', 'bindUsername'))
      errors.push('bindDn (or bindUsername) is required when LDAP is enabled');
  }
  if ((s.bindDn !== '' || s.bindUsername) && reads('bindDn', 'bindUsername')) {
    try {
      resolveBindIdentity(s.bindUsername, s.bindDn);
    } catch (error) {
      if (error instanceof BindIdentityError) errors.push(`bindUsername: ${error.message}`);
      else throw error;
    }
  }
  if (s.allowBindDnScopeLogin && s.bindDn === '' && reads('allowBindDnScopeLogin', 'bindDn'))
    errors.push('allowBindDnScopeLogin needs a bindDn to search under');
  errors.push(...ssoErrors(s, failed));
  return errors;
}

function ssoErrors(s: LdapSettings, failed: FailedField): string[] {
  const errors: string[] = [];
  for (const field of ['header', 'secretHeader'] as const) {
    const name = s.sso[field]?.toLowerCase();
    if (name && !failed(`sso.${field}`) && (RESERVED_HEADERS.has(name) || name.startsWith('sec-')))
      errors.push(
        `sso.${field}: ${name} is a header browsers, clients or this app set themselves (and may carry a secret); name the header your proxy sets, such as x-remote-user`,
      );
  }
  if (
    s.sso.secretHeader &&
    !failed('sso.secretHeader') &&
    !failed('sso.header') &&
    s.sso.secretHeader.toLowerCase() === s.sso.header.toLowerCase()
  )
    errors.push('sso.secretHeader must differ from sso.header');
  if (failed('sso.trustedProxies')) return errors;
  if (s.sso.enabled && s.sso.trustedProxies.length === 0 && !failed('sso.enabled'))
    errors.push('sso.trustedProxies must list at least one proxy address when SSO is enabled');
  const parsed = [];
  for (const cidr of s.sso.trustedProxies) {
    try {
      parsed.push(parseCidr(cidr));
    } catch (error) {
      errors.push(`sso.trustedProxies: ${(error as Error).message}`);
    }
  }
  const everyone = familiesCovered(parsed);
  for (const family of everyone)
    errors.push(
      `sso.trustedProxies: together these would trust every address (all of IPv${family}); list your proxies' addresses`,
    );
  for (const range of everyone.length > 0 ? [] : parsed)
    if (range.prefix < WIDEST_PROXY_PREFIX[range.family])
      errors.push(
        `sso.trustedProxies: ${range.address}/${range.prefix} is wider than /${WIDEST_PROXY_PREFIX[range.family]} and would trust much of the internet; list your proxies' addresses`,
      );
  return errors;
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** True when the bind password would now be sent somewhere else, or as someone else. */
export function targetChanged(before: LdapSettings, after: LdapSettings): boolean {
  return changedTargetFields(before, after).length > 0;
}

/** The TARGET_FIELDS whose value differs, in TARGET_FIELDS order. */
export function changedTargetFields(before: LdapSettings, after: LdapSettings): string[] {
  return TARGET_FIELDS.filter(
    (field) => JSON.stringify(before[field] ?? null) !== JSON.stringify(after[field] ?? null),
  );
}
