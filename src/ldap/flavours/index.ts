import { ds389 } from './389-ds.js';
import { activeDirectory } from './active-directory.js';
import type { ChangeCounter, DirectoryFlavour, RootDse } from './flavour.js';
import { generic } from './generic.js';
import { openLdap } from './openldap.js';

/**
 * Every directory type the product knows, one file each. Order matters where rules of several
 * apply to one entry (stable ids looked for, account state): the first flavour with an answer
 * decides. The generic flavour comes last.
 */
export const FLAVOURS: readonly DirectoryFlavour[] = [activeDirectory, openLdap, ds389, generic];

/** Every name a flavour answers to on input: its name and its old aliases. */
export const FLAVOUR_INPUT_NAMES: readonly string[] = FLAVOURS.flatMap((f) => [f.name, ...f.aliases]);

/** The flavour a name (or an old alias, such as `freeipa`) stands for; undefined when none. */
export function flavourByName(name: string): DirectoryFlavour | undefined {
  return FLAVOURS.find((f) => f.name === name || f.aliases.includes(name));
}

/** The server type a root DSE shows: the one flavour that recognises it, else 'unknown'. */
export function recogniseServer(rootDse: RootDse): string {
  return FLAVOURS.find((f) => f.recognise(rootDse))?.name ?? 'unknown';
}

/** Server types the connection test can answer: every flavour that recognises a server, and 'unknown'. */
export const SERVER_TYPES: readonly string[] = [...FLAVOURS.filter((f) => f !== generic).map((f) => f.name), 'unknown'];

/** The root DSE attributes recognition reads. */
export const RECOGNITION_ATTRIBUTES: readonly string[] = unique(FLAVOURS.flatMap((f) => f.rootDseAttributes));

/** Attributes read as bytes on every search. */
export const BINARY_ATTRIBUTES: readonly string[] = unique(FLAVOURS.flatMap((f) => f.binaryAttributes));

/** Attributes every flavour's account-state rules read. */
export const ACCOUNT_STATE_ATTRIBUTES: readonly string[] = unique(FLAVOURS.flatMap((f) => f.accountStateAttributes));

/** Stable-id attributes in the order they are looked for when none is configured. */
export const STABLE_ID_FORMS = FLAVOURS.flatMap((f) => f.stableIds).filter(
  (form, index, all) => all.findIndex((other) => same(other.attribute, form.attribute)) === index,
);

/** The counters a delta compares with its mark. */
export const CHANGE_COUNTERS: readonly ChangeCounter[] = unique(FLAVOURS.map((f) => f.changeCounter.attribute));

function same(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function unique<T extends string>(names: T[]): T[] {
  return names.filter((name, index) => names.findIndex((other) => same(other, name)) === index);
}
