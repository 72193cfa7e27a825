import { Inject, Injectable } from '@nestjs/common';
import { ConflictError } from '../../common/domain-error.js';

import { FieldErrors, fieldsOfMessages, validationFailed } from '../../common/field-errors.js';
import { nextRunTimes } from '../../common/cron-schedule.js';
import { SecretCipher } from '../../common/secret-cipher.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { LdapLogService } from '../../logs/ldap-log.service.js';
import type { LdapSettingsView } from './dto/ldap-settings.view.js';
import { ConcurrentSettingsChange, LdapSettingsRepository } from './ldap-settings.repository.js';
import { DEFAULT_LDAP_SETTINGS, LdapConnectionSettings, LdapSettings } from './ldap-settings.types.js';
import { CheckedSettingsBody, checkSettingsBody } from './settings-body.js';
import {
  changedTargetFields,
  failedFields,
  mergeSettingsChecked,
  SECRET_MASK,
  targetChanged,
} from './settings-merge.js';

const CACHE_MS = 2000;

export type { LdapSettingsView };

/** Called after each save on this instance; awaited, so it must not throw. */
export type SettingsChangeListener = () => Promise<void>;

/**
 * Called before a save with the settings it would store and the request; throws (a 400) to
 * refuse it. Registered by features that depend on the settings (sign-in's lock-out check).
 */
export type SettingsSaveCheck = (next: LdapSettings, request: { confirmLockout?: boolean }) => Promise<void>;

interface Loaded {
  settings: LdapSettings;
  bindPassword: string | null;
  ssoSecret: string | null;
  version: number | null;
  updatedAt: Date | null;
  updatedBy: string | null;
}

/**
 * The directory settings: stored in the database (so every instance sees a change at once),
 * the bind password and SSO secret encrypted with APP_KEY and never handed back.
 */
@Injectable()
export class LdapSettingsService {
  private readonly cipher: SecretCipher;
  private cache?: { at: number; value: Promise<Loaded> };
  private readonly listeners = new Set<SettingsChangeListener>();
  private readonly saveChecks = new Set<SettingsSaveCheck>();
  private lastReadVersion = 0;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly logs: LdapLogService,
    private readonly repository: LdapSettingsRepository,
  ) {
    this.cipher = new SecretCipher(config.appKey);
  }

  async get(): Promise<LdapSettings> {
    return (await this.load()).settings;
  }

  async view(): Promise<LdapSettingsView> {
    return toView(await this.load());
  }

  /** Where and as whom to bind, with the secret in clear for the client's use only. */
  async connection(): Promise<LdapConnectionSettings & { version: number }> {
    const loaded = await this.load();
    return { ...connectionOf(loaded.settings, loaded.bindPassword), version: loaded.version ?? 0 };
  }

  /**
   * Registers a listener for saves made through this instance (the sync scheduler). Saves on
   * other instances are found with storedVersion(). Returns the unsubscribe function.
   */
  onChange(listener: SettingsChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Registers a check every save through update() must pass (see SettingsSaveCheck). */
  addSaveCheck(check: SettingsSaveCheck): void {
    this.saveChecks.add(check);
  }

  /**
   * The stored version, read alone (one small query): when another instance saved since this
   * one last read the settings, the cache is dropped so the next read sees the change.
   */
  async storedVersion(): Promise<number> {
    const version = (await this.repository.version()) ?? 0;
    if (version !== this.lastReadVersion) this.cache = undefined;
    return version;
  }

  async ssoSecret(): Promise<string | null> {
    return (await this.load()).ssoSecret;
  }

  /**
   * Settings to try without saving (diagnostics): the stored password is used only when it
   * would go to the same server as the same identity. `body` is the request body as sent
   * (see checkSettingsBody); a 400 names every field error at once.
   */
  async candidate(
    body: unknown,
  ): Promise<{ settings: LdapSettings; connection: LdapConnectionSettings; notes: string[]; unsaved: boolean }> {
    const checked = await checkSettingsBody(body);
    const current = await this.load();
    // Checked as if enabled, whatever the body says: an empty host must not quietly dial localhost.
    const dto = { ...checked.dto, enabled: true };
    const { settings, notes, errors } = mergeSettingsChecked(current.settings, dto, failedFields(checked.failed));
    refuseIfAny(checked, errors);
    const password = this.passwordFor(current, settings, dto.bindPassword);
    const connection = connectionOf(settings, password);
    if (password === null && current.bindPassword !== null && dto.bindPassword !== null && dto.bindPassword !== '')
      connection.bindPasswordWithheld = withheldMessage(changedTargetFields(current.settings, settings));
    const asStored = { ...settings, enabled: current.settings.enabled };
    const unsaved = changedFields(current, asStored, password, current.ssoSecret).length > 0;
    return { settings, connection, notes, unsaved };
  }

  /**
   * Saves a (partial) settings body as sent. One 400 names every error the request shows: the
   * fields' own checks, the merge rules on the fields that passed them, and a bind password
   * the new target needs. A save that changes nothing stores nothing: the same version, no log line.
   */
  async update(body: unknown, actor: string): Promise<{ settings: LdapSettingsView; notes: string[] }> {
    const checked = await checkSettingsBody(body);
    const { confirmLockout, ...dto } = checked.dto;
    const current = await this.load(true);
    if (dto.version !== undefined && dto.version !== (current.version ?? 0)) {
      const by = current.updatedBy ? ` by ${current.updatedBy}` : '';
      throw new ConflictError(
        'SETTINGS_CHANGED',
        `the settings were changed${by} since this edit began: reload them and make your change again`,
      );
    }
    const failed = failedFields(checked.failed);
    const { settings, notes, errors } = mergeSettingsChecked(current.settings, dto, failed);
    const password = this.passwordFor(current, settings, dto.bindPassword);
    const passwordNeeded =
      !failed('bindPassword') &&
      password === null &&
      (dto.bindPassword === undefined || dto.bindPassword === SECRET_MASK) &&
      current.bindPassword !== null;
    refuseIfAny(checked, errors, passwordNeeded ? { bindPassword: [REENTER_PASSWORD] } : {});
    const ssoSecret =
      dto.sso?.secret === undefined || dto.sso.secret === SECRET_MASK ? current.ssoSecret : dto.sso.secret;
    const changed = changedFields(current, settings, password, ssoSecret);
    // Nothing to store: the version stays, so other open editors are not told the settings changed.
    if (changed.length === 0) return { settings: toView(current), notes };
    for (const check of this.saveChecks) await check(settings, { confirmLockout });
    const data = { ...settings, ssoSecretEnc: ssoSecret ? this.cipher.encrypt(ssoSecret) : null };
    try {
      await this.repository.save(
        { data, bindPasswordEnc: password ? this.cipher.encrypt(password) : null, updatedBy: actor },
        current.version,
      );
    } catch (error) {
      if (error instanceof ConcurrentSettingsChange) throw new ConflictError('SETTINGS_CHANGED', error.message);
      throw error;
    }
    await this.logs.write({
      level: 'info',
      event: 'settings.updated',
      actor,
      message: `LDAP settings changed by ${actor}: ${changed.join(', ')}`,
      details: { fields: changed },
    });
    const view = toView(await this.load(true));
    await this.changed();
    return { settings: view, notes };
  }

  /**
   * The break-glass switch (CLI): flips `enabled` alone on the stored row, secrets untouched and
   * never decrypted, so it works even when APP_KEY is lost. Returns false when already so.
   */
  async setEnabled(enabled: boolean, actor: string): Promise<boolean> {
    const stored = await this.repository.get();
    if ((stored?.data.enabled === true) === enabled) return false;
    await this.repository.save(
      { data: { ...stored?.data, enabled }, bindPasswordEnc: stored?.bindPasswordEnc ?? null, updatedBy: actor },
      stored?.version ?? null,
    );
    await this.logs.write({
      level: 'info',
      event: 'settings.updated',
      actor,
      message: `LDAP sign-in turned ${enabled ? 'on' : 'off'} by ${actor}`,
      details: { fields: ['enabled'] },
    });
    this.cache = undefined;
    await this.changed();
    return true;
  }

  private async changed(): Promise<void> {
    await Promise.all([...this.listeners].map((listener) => listener()));
  }

  /** The password to keep: a new one, the stored one if the target is unchanged, or none. */
  private passwordFor(current: Loaded, next: LdapSettings, given: string | null | undefined): string | null {
    if (given === null || given === '') return null;
    if (given !== undefined && given !== SECRET_MASK) return given;
    return targetChanged(current.settings, next) ? null : current.bindPassword;
  }

  /**
   * Settings are read on every sign-in; a short cache saves the query and the decryption.
   * This instance sees its own changes at once, other instances within CACHE_MS.
   */
  private load(fresh = false): Promise<Loaded> {
    const now = Date.now();
    if (fresh || !this.cache || now - this.cache.at > CACHE_MS) {
      const value = this.read();
      this.cache = { at: now, value };
      value.catch(() => (this.cache = undefined));
    }
    return this.cache.value;
  }

  private async read(): Promise<Loaded> {
    const stored = await this.repository.get();
    this.lastReadVersion = stored?.version ?? 0;
    if (!stored)
      return {
        settings: DEFAULT_LDAP_SETTINGS,
        bindPassword: null,
        ssoSecret: null,
        version: null,
        updatedAt: null,
        updatedBy: null,
      };
    const { ssoSecretEnc, ...data } = stored.data as Partial<LdapSettings> & { ssoSecretEnc?: string | null };
    const settings: LdapSettings = {
      ...DEFAULT_LDAP_SETTINGS,
      ...data,
      sync: { ...DEFAULT_LDAP_SETTINGS.sync, ...data.sync },
      sso: { ...DEFAULT_LDAP_SETTINGS.sso, ...data.sso },
    };
    return {
      settings,
      bindPassword: stored.bindPasswordEnc ? this.cipher.decrypt(stored.bindPasswordEnc) : null,
      ssoSecret: ssoSecretEnc ? this.cipher.decrypt(ssoSecretEnc) : null,
      version: stored.version,
      updatedAt: stored.updatedAt,
      updatedBy: stored.updatedBy,
    };
  }
}

const TARGET_WORDS: Record<string, string> = {
  host: 'host',
  port: 'port',
  backupServers: 'backup servers',
  srvDomain: 'SRV domain',
  encryption: 'encryption',
  caCertificate: 'CA certificate',
  verifyCertificate: 'certificate check',
  bindDn: 'Bind DN',
  bindUsername: 'Bind username',
};

/** The bind step's message when the stored password is kept from a changed target (the security rule of passwordFor). */
function withheldMessage(changed: string[]): string {
  const words = changed.map((field) => TARGET_WORDS[field] ?? field);
  const list = words.length > 1 ? `${words.slice(0, -1).join(', ')} and ${words.at(-1)}` : words[0];
  return `the ${list} changed, so the stored bind password is not sent to this target: enter it again to test`;
}

const REENTER_PASSWORD =
  're-enter the bind password: host, port, encryption, certificate checks or bind identity changed';

/**
 * One 400 with the field checks' messages, the merge rules' (each starting with its field) and
 * `more` (messages by field), if there are any.
 */
function refuseIfAny(checked: CheckedSettingsBody, errors: string[], more: FieldErrors = {}): void {
  const extra = Object.values(more).flat();
  if (checked.messages.length === 0 && errors.length === 0 && extra.length === 0) return;
  const fields = { ...checked.fields };
  for (const [path, messages] of [...Object.entries(settingsFieldErrors(errors)), ...Object.entries(more)])
    fields[path] = [...(fields[path] ?? []), ...messages];
  throw validationFailed([...checked.messages, ...errors, ...extra], fields);
}

/** Every settings field a message can name, by dotted path. */
const SETTINGS_FIELDS: ReadonlySet<string> = new Set([
  ...Object.keys(DEFAULT_LDAP_SETTINGS),
  'preset',
  'bindPassword',
  ...Array.from({ length: 10 }, (_, i) => `backupServers.${i}.host`),
  ...['email', 'firstName', 'lastName', 'jobTitle', 'phone'].map((k) => `attributeMap.${k}`),
  ...Object.keys(DEFAULT_LDAP_SETTINGS.sync).map((k) => `sync.${k}`),
  ...[...Object.keys(DEFAULT_LDAP_SETTINGS.sso), 'secret'].map((k) => `sso.${k}`),
]);

/**
 * The merge's messages by field. Its messages start with the field's path, except the host
 * parser's ("ldaps:// is already encrypted…"), which are about host, port and encryption as typed
 * in host: they go beside host.
 */
export function settingsFieldErrors(messages: string[]) {
  return fieldsOfMessages(messages, SETTINGS_FIELDS, () => 'host');
}

function connectionOf(s: LdapSettings, bindPassword: string | null): LdapConnectionSettings {
  return {
    host: s.host,
    port: s.port,
    backupServers: s.backupServers,
    srvDomain: s.srvDomain,
    encryption: s.encryption,
    caCertificate: s.caCertificate,
    verifyCertificate: s.verifyCertificate,
    timeoutMs: s.timeoutMs,
    bindDn: s.bindDn,
    bindUsername: s.bindUsername,
    bindPassword,
  };
}

function toView(loaded: Loaded): LdapSettingsView {
  return {
    ...loaded.settings,
    bindPassword: loaded.bindPassword ? SECRET_MASK : null,
    sync: { ...loaded.settings.sync, nextRuns: scheduledRuns(loaded.settings) },
    sso: { ...loaded.settings.sso, secret: loaded.ssoSecret ? SECRET_MASK : null },
    version: loaded.version ?? 0,
    updatedAt: loaded.updatedAt,
    updatedBy: loaded.updatedBy,
  };
}

function scheduledRuns(s: LdapSettings): string[] {
  return s.enabled && s.sync.enabled ? nextRunTimes(s.sync.schedule) : [];
}

/** Names only: the log says that the password changed, never what it is. */
function changedFields(
  current: Loaded,
  next: LdapSettings,
  password: string | null,
  ssoSecret: string | null,
): string[] {
  const fields: string[] = (Object.keys(next) as (keyof LdapSettings)[]).filter(
    (k) => JSON.stringify(current.settings[k]) !== JSON.stringify(next[k]),
  );
  if (password !== current.bindPassword) fields.push('bindPassword');
  if (ssoSecret !== current.ssoSecret) fields.push('sso.secret');
  return fields;
}
