import type { DirectoryEntry } from '../client/directory-entry.js';
import { attr, binaryAttr } from '../client/directory-entry.js';
import type { LdapErrorCode } from '../ldap.error.js';
import { escapeFilterValue } from '../syntax/escape.js';
import type { AccountBlock, EntryValues, StableIdForm, SubCode } from './flavour.js';
import { BINARY_ATTRIBUTES, FLAVOURS, STABLE_ID_FORMS } from './index.js';

/*
 * The flavours' rules applied to an entry. Settings do not say which server answers, and an
 * entry carries only its own server's attributes, so each rule asks every flavour in registry
 * order and the first answer decides.
 */

function valuesOf(entry: DirectoryEntry): EntryValues {
  return { text: (name) => attr(entry, name), bytes: (name) => binaryAttr(entry, name) };
}

/** Why the directory says no to this account signing in now (disabled, locked, expired), or null. */
export function accountBlock(entry: DirectoryEntry, now = new Date()): AccountBlock | null {
  const values = valuesOf(entry);
  for (const flavour of FLAVOURS) {
    const block = flavour.signInBlock(values, now);
    if (block) return block;
  }
  return null;
}

/**
 * Whether the directory's administrator has turned this account off, as the help desk mirrors it
 * into the user's status (import, sign-in and SSO). Lockouts after failed passwords are left out:
 * they end by themselves while the attribute stays. Sign-in still refuses them (accountBlock).
 */
export function directoryAccountState(entry: DirectoryEntry, now = new Date()): AccountBlock | null {
  const values = valuesOf(entry);
  for (const flavour of FLAVOURS) {
    const state = flavour.accountState(values, now);
    if (state) return state;
  }
  return null;
}

/** The stable-id forms to look for: the configured attribute only, or every flavour's in order. */
function formsFor(configured: string | null): StableIdForm[] {
  if (!configured) return STABLE_ID_FORMS;
  return [
    STABLE_ID_FORMS.find((f) => f.attribute.toLowerCase() === configured.toLowerCase()) ?? { attribute: configured },
  ];
}

/** The entry's stable id as stored in users.ldap_uid, prefixed by its attribute so ids of two kinds never collide. */
export function stableIdOf(entry: DirectoryEntry, configured: string | null): string | null {
  for (const form of formsFor(configured)) {
    const name = form.attribute.toLowerCase();
    const bytes = binaryAttr(entry, configured ?? form.attribute);
    if (bytes) return `${name}:${form.binary ? form.binary.toText(bytes) : bytes.toString('hex')}`;
    const text = attr(entry, configured ?? form.attribute);
    if (text) return `${name}:${text.toLowerCase()}`;
  }
  return null;
}

/**
 * A filter that finds the entry holding this stable id (as stableIdOf writes it), or null when the
 * id's text form cannot be turned back into the attribute's value with certainty (a binary
 * attribute without a form of its own, in anything but hex).
 */
export function stableIdFilter(stableId: string): string | null {
  const colon = stableId.indexOf(':');
  if (colon <= 0) return null;
  const name = stableId.slice(0, colon);
  const value = stableId.slice(colon + 1);
  const form = STABLE_ID_FORMS.find((f) => f.attribute.toLowerCase() === name);
  if (form?.binary) {
    const bytes = form.binary.toBytes(value);
    return bytes ? `(${form.attribute}=${escapeBytes(bytes)})` : null;
  }
  const binary = BINARY_ATTRIBUTES.find((a) => a.toLowerCase() === name);
  if (binary) return /^([0-9a-f]{2})+$/.test(value) ? `(${binary}=${escapeBytes(Buffer.from(value, 'hex'))})` : null;
  return `(${name}=${escapeFilterValue(value)})`;
}

function escapeBytes(bytes: Buffer): string {
  return [...bytes].map((b) => `\\${b.toString(16).padStart(2, '0')}`).join('');
}

/** Attributes to request so that stableIdOf can answer. */
export function stableIdAttributes(configured: string | null): string[] {
  return configured ? [configured] : STABLE_ID_FORMS.map((f) => f.attribute);
}

/** A sub-code's meaning and whose it is (the directory type, for people). */
export interface SubCodeMeaning extends SubCode {
  label: string;
}

/** The first vendor sub-code a flavour finds in a server's diagnostic message (known or not), or undefined. */
export function parseSubCode(message: string | undefined): string | undefined {
  if (!message) return undefined;
  for (const flavour of FLAVOURS) {
    const subCode = flavour.errors.subCode?.(message);
    if (subCode !== undefined) return subCode;
  }
  return undefined;
}

/** A sub-code's meaning, whichever flavour has it; undefined for an unknown one. */
export function subCodeMeaning(subCode: string): SubCodeMeaning | undefined {
  for (const flavour of FLAVOURS) {
    const known = flavour.errors.subCodes[subCode];
    if (known) return { ...known, label: flavour.label };
  }
  return undefined;
}

/** A sub-code in a log line's words, e.g. "AD data 52e: invalid credentials (wrong password)". */
export function describeSubCode(subCode: string): string {
  const owner =
    FLAVOURS.find((f) => f.errors.subCodes[subCode] !== undefined) ?? FLAVOURS.find((f) => f.errors.subCode);
  const meaning = owner?.errors.subCodes[subCode]?.meaning ?? 'unknown';
  return `${owner?.errors.subCodeLabel ?? 'data'} ${subCode}: ${meaning}`;
}

/** The error code a server's diagnostic message means, by the first flavour rule it matches; undefined when none does. */
export function codeFromMessage(message: string | undefined): LdapErrorCode | undefined {
  if (!message) return undefined;
  for (const flavour of FLAVOURS)
    for (const [pattern, code] of flavour.errors.messageRules) if (pattern.test(message)) return code;
  return undefined;
}
