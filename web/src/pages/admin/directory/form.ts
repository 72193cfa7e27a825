import { typedHostPort } from '../../../components/serverAddress';
import type { Encryption, MappingField, SettingsBody, SettingsView } from './api';

/** A write-only secret: the server only says whether one is stored. */
export interface Secret {
  stored: boolean;
  changing: boolean;
  value: string;
}

export interface ScopeRow {
  key: number;
  dn: string;
  filter: string;
}

/** One backup server as edited; `key` keeps React's rows stable across moves. */
export interface ServerRow {
  key: number;
  host: string;
  port: Num;
}

/** NumberInput gives a string while the field is empty or half typed; the server judges it. */
type Num = number | string;

export interface FormValues {
  enabled: boolean;
  fallbackToLocal: boolean;
  host: string;
  port: Num;
  backupServers: ServerRow[];
  srvDomain: string;
  encryption: Encryption;
  caCertificate: string;
  verifyCertificate: boolean;
  timeoutMs: Num;
  bindDn: string;
  bindUsername: string;
  bindPassword: Secret;
  loginAttributes: string[];
  searchScopes: ScopeRow[];
  allowBindDnScopeLogin: boolean;
  uidAttribute: string;
  pageSize: Num;
  attributeMap: Record<MappingField, string>;
  sync: {
    enabled: boolean;
    schedule: string;
    deprovision: 'disable' | 'none';
    maxDisablePercent: Num;
    fullSyncEveryHours: Num;
  };
  sso: {
    enabled: boolean;
    header: string;
    trustedProxies: string[];
    secretHeader: string;
    secret: Secret;
    autoCreate: boolean;
    stripDomain: boolean;
    logoutUrl: string;
  };
}

export const MAPPING_FIELDS: { field: MappingField; label: string }[] = [
  { field: 'email', label: 'Email attribute' }, // required by the API; no asterisk, so the label stays the accessible name
  { field: 'firstName', label: 'First name attribute' },
  { field: 'lastName', label: 'Last name attribute' },
  { field: 'jobTitle', label: 'Job title attribute' },
  { field: 'phone', label: 'Phone attribute' },
];

let nextKey = 1;
export const scopeRow = (dn = '', filter = ''): ScopeRow => ({ key: nextKey++, dn, filter });
export const serverRow = (host = '', port: Num = ''): ServerRow => ({ key: nextKey++, host, port });
const secret = (masked: string | null): Secret => ({ stored: masked !== null, changing: false, value: '' });

export function fromView(v: SettingsView): FormValues {
  const map = v.attributeMap;
  return {
    enabled: v.enabled,
    fallbackToLocal: v.fallbackToLocal,
    host: v.host,
    port: v.port,
    backupServers: v.backupServers.map((server) => serverRow(server.host, server.port)),
    srvDomain: v.srvDomain ?? '',
    encryption: v.encryption,
    caCertificate: v.caCertificate ?? '',
    verifyCertificate: v.verifyCertificate,
    timeoutMs: v.timeoutMs,
    bindDn: v.bindDn,
    bindUsername: v.bindUsername ?? '',
    bindPassword: secret(v.bindPassword),
    loginAttributes: [...v.loginAttributes],
    searchScopes: v.searchScopes.map((s) => scopeRow(s.dn, s.filter)),
    allowBindDnScopeLogin: v.allowBindDnScopeLogin,
    uidAttribute: v.uidAttribute ?? '',
    pageSize: v.pageSize,
    attributeMap: {
      email: map.email,
      firstName: map.firstName ?? '',
      lastName: map.lastName ?? '',
      jobTitle: map.jobTitle ?? '',
      phone: map.phone ?? '',
    },
    sync: {
      enabled: v.sync.enabled,
      schedule: v.sync.schedule,
      deprovision: v.sync.deprovision,
      maxDisablePercent: v.sync.maxDisablePercent,
      fullSyncEveryHours: v.sync.fullSyncEveryHours,
    },
    sso: {
      enabled: v.sso.enabled,
      header: v.sso.header,
      trustedProxies: [...v.sso.trustedProxies],
      secretHeader: v.sso.secretHeader ?? '',
      secret: secret(v.sso.secret),
      autoCreate: v.sso.autoCreate,
      stripDomain: v.sso.stripDomain,
      logoutUrl: v.sso.logoutUrl ?? '',
    },
  };
}

const PLAIN = [
  'enabled',
  'fallbackToLocal',
  'host',
  'port',
  'encryption',
  'verifyCertificate',
  'timeoutMs',
  'bindDn',
  'allowBindDnScopeLogin',
  'pageSize',
] as const;
const NULLABLE = ['caCertificate', 'bindUsername', 'uidAttribute'] as const;
const SYNC = ['enabled', 'schedule', 'deprovision', 'maxDisablePercent', 'fullSyncEveryHours'] as const;
const SSO_PLAIN = ['enabled', 'header', 'autoCreate', 'stripDomain'] as const;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const orNull = (s: string) => (s.trim() === '' ? null : s);
const scopes = (rows: ScopeRow[]) => rows.map(({ dn, filter }) => ({ dn, filter }));
/** An empty port is left out: the server then takes the encryption's default. */
const backups = (rows: ServerRow[]) => rows.map(({ host, port }) => (port === '' ? { host } : { host, port }));
const newSecret = (s: Secret) => ((s.changing || !s.stored) && s.value !== '' ? s.value : undefined);

/**
 * The request body: only what differs from the stored settings, so the server's merge (which
 * changes what a request states and keeps the rest) reads a URL typed in Host on its own.
 */
export function changes(values: FormValues, base: FormValues): SettingsBody {
  const body: SettingsBody = {};
  for (const key of PLAIN) if (values[key] !== base[key]) body[key] = values[key];
  for (const key of NULLABLE) if (values[key] !== base[key]) body[key] = orNull(values[key]);
  if (!same(values.loginAttributes, base.loginAttributes)) body.loginAttributes = values.loginAttributes;
  if (!same(scopes(values.searchScopes), scopes(base.searchScopes))) body.searchScopes = scopes(values.searchScopes);
  if (!same(backups(values.backupServers), backups(base.backupServers)))
    body.backupServers = backups(values.backupServers);
  if (values.srvDomain !== base.srvDomain) body.srvDomain = orNull(values.srvDomain);
  if (!same(values.attributeMap, base.attributeMap)) {
    const { email, ...optional } = values.attributeMap;
    body.attributeMap = { email, ...Object.fromEntries(Object.entries(optional).map(([k, v]) => [k, orNull(v)])) };
  }
  const password = newSecret(values.bindPassword);
  if (password !== undefined) body.bindPassword = password;
  const sync: Record<string, unknown> = {};
  for (const key of SYNC) if (values.sync[key] !== base.sync[key]) sync[key] = values.sync[key];
  if (Object.keys(sync).length > 0) body.sync = sync;
  const sso: Record<string, unknown> = {};
  for (const key of SSO_PLAIN) if (values.sso[key] !== base.sso[key]) sso[key] = values.sso[key];
  if (!same(values.sso.trustedProxies, base.sso.trustedProxies)) sso.trustedProxies = values.sso.trustedProxies;
  if (values.sso.secretHeader !== base.sso.secretHeader) sso.secretHeader = orNull(values.sso.secretHeader);
  if (values.sso.logoutUrl !== base.sso.logoutUrl) sso.logoutUrl = orNull(values.sso.logoutUrl);
  const ssoSecret = newSecret(values.sso.secret);
  if (ssoSecret !== undefined) sso.secret = ssoSecret;
  if (Object.keys(sso).length > 0) body.sso = sso;
  return body;
}

/**
 * Where the stored bind password would go, and as whom (the server's TARGET_FIELDS): host, port and
 * backupServers are shown apart, as host:port.
 */
const TARGET: {
  key: 'srvDomain' | 'encryption' | 'caCertificate' | 'verifyCertificate' | 'bindDn' | 'bindUsername';
  label: string;
}[] = [
  { key: 'srvDomain', label: 'SRV domain' },
  { key: 'encryption', label: 'Encryption' },
  { key: 'caCertificate', label: 'CA certificate' },
  { key: 'verifyCertificate', label: 'Verify certificate' },
  { key: 'bindDn', label: 'Bind DN' },
  { key: 'bindUsername', label: 'Bind username' },
];

export interface TargetChange {
  label: string;
  from: string;
  to: string;
}

const shown = (key: string, value: unknown) =>
  key === 'caCertificate'
    ? value
      ? 'a PEM certificate'
      : 'system trust store'
    : value === ''
      ? '(empty)'
      : String(value);

/** Each target field as the confirmation shows it; host and port as one host:port, like each backup server. */
function shownTarget(values: FormValues): { label: string; value: string }[] {
  const backupList = values.backupServers.map((row) => typedHostPort(row.host, row.port, values.encryption));
  return [
    { label: 'Server', value: typedHostPort(values.host, values.port, values.encryption) },
    { label: 'Backup servers', value: backupList.join(', ') || '(none)' },
    ...TARGET.map(({ key, label }) => ({ label, value: shown(key, values[key]) })),
  ];
}

/** The connection target changes a save would make; none when nothing was configured before. */
export function targetChanges(values: FormValues, base: FormValues): TargetChange[] {
  if (base.host.trim() === '') return [];
  const before = shownTarget(base);
  return shownTarget(values)
    .map((after, index) => ({ label: after.label, from: before[index].value, to: after.value }))
    .filter((change) => change.from !== change.to);
}

/** Field paths the page shows an error beside; `searchScopes.N` and list items go beside their list. */
const ON_SCREEN = new Set([
  ...PLAIN,
  ...NULLABLE,
  'bindPassword',
  'loginAttributes',
  'searchScopes',
  'backupServers',
  'srvDomain',
  ...MAPPING_FIELDS.map((m) => `attributeMap.${m.field}`),
  'attributeMap',
  ...SYNC.map((k) => `sync.${k}`),
  ...[...SSO_PLAIN, 'trustedProxies', 'secretHeader', 'secret', 'logoutUrl'].map((k) => `sso.${k}`),
]);

/** The server's field errors split into those shown beside a field (by the path shown) and the rest. */
export function placeErrors(fields: Record<string, string[]>): {
  placed: Record<string, string[]>;
  unplaced: string[];
} {
  const placed: Record<string, string[]> = {};
  const unplaced: string[] = [];
  for (const [path, messages] of Object.entries(fields)) {
    const target = placeOf(path);
    if (target) (placed[target] ??= []).push(...messages);
    else unplaced.push(...messages);
  }
  return { placed, unplaced };
}

function placeOf(path: string): string | null {
  if (/^searchScopes\.\d+(\.(dn|filter))?$/.test(path)) return path;
  if (/^backupServers\.\d+(\.(host|port))?$/.test(path)) return path;
  const list = /^(loginAttributes|sso\.trustedProxies)\.\d+$/.exec(path);
  if (list) return list[1];
  return ON_SCREEN.has(path) ? path : null;
}

/**
 * What Test connection and Fetch attributes send: the connection, account and scopes on screen.
 * The mapping, sync and SSO play no part in either, so a half-typed mapping (or an empty one,
 * about to be filled from the fetched attributes) does not stop them.
 */
export function probeBody(body: SettingsBody): SettingsBody {
  const { attributeMap: _m, sync: _sync, sso: _sso, fallbackToLocal: _f, ...probe } = body;
  return probe;
}
