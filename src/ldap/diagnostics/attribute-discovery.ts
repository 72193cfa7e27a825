import type { DirectoryEntry } from '../client/directory-entry.js';
import type { AttributeMap } from '../settings/ldap-settings.types.js';

export interface DiscoveredAttribute {
  name: string;
  example: string;
  /** How many sampled entries carry it. */
  entries: number;
}

const MAX_EXAMPLE = 80;

/** Every attribute name across the sample, with one example value and how many entries have it. */
export function summariseAttributes(entries: DirectoryEntry[]): DiscoveredAttribute[] {
  const found = new Map<string, DiscoveredAttribute>();
  const see = (name: string, example: string) => {
    const key = name.toLowerCase();
    const current = found.get(key);
    if (current) current.entries += 1;
    else found.set(key, { name, example, entries: 1 });
  };
  for (const entry of entries) {
    for (const [name, values] of Object.entries(entry.attributes))
      if (values.length > 0) see(name, exampleOf(values[0]));
    for (const [name, value] of Object.entries(entry.binary)) see(name, binaryExample(value));
  }
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name));
}

function exampleOf(value: string): string {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000e-\u001f\ufffd]/.test(value)) return binaryExample(Buffer.from(value, 'latin1'));
  return value.length > MAX_EXAMPLE ? `${value.slice(0, MAX_EXAMPLE)}… (${value.length} characters)` : value;
}

function binaryExample(value: Buffer): string {
  const b64 = value.toString('base64');
  return `binary (${value.length} bytes): base64:${b64.length > MAX_EXAMPLE ? `${b64.slice(0, MAX_EXAMPLE)}…` : b64}`;
}

const CANDIDATES: Record<keyof AttributeMap, string[]> = {
  email: ['mail', 'email', 'userPrincipalName'],
  firstName: ['givenName'],
  lastName: ['sn', 'surname'],
  jobTitle: ['title'],
  phone: ['telephoneNumber', 'mobile', 'homePhone'],
};

/** A mapping proposal from the names present: the first candidate the directory has, per field. */
export function proposeMapping(attributes: DiscoveredAttribute[]): Partial<AttributeMap> {
  const present = new Map(attributes.map((a) => [a.name.toLowerCase(), a.name]));
  const proposal: Partial<AttributeMap> = {};
  for (const [field, names] of Object.entries(CANDIDATES) as [keyof AttributeMap, string[]][]) {
    const hit = names.find((n) => present.has(n.toLowerCase()));
    if (hit) proposal[field] = present.get(hit.toLowerCase())!;
  }
  return proposal;
}
