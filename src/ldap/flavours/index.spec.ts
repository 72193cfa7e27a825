import { ds389 } from './389-ds.js';
import { activeDirectory } from './active-directory.js';
import type { DirectoryFlavour, RootDse } from './flavour.js';
import { generic } from './generic.js';
import {
  FLAVOUR_INPUT_NAMES,
  FLAVOURS,
  flavourByName,
  RECOGNITION_ATTRIBUTES,
  recogniseServer,
  SERVER_TYPES,
} from './index.js';
import { openLdap } from './openldap.js';

/** Root DSEs as the servers answer them (trimmed to what recognition reads, plus noise). */
const SAMPLE_ROOT_DSES: Array<[string, RootDse]> = [
  [
    'active-directory',
    {
      supportedCapabilities: ['1.2.840.113556.1.4.800', '1.2.840.113556.1.4.1670', '1.2.840.113556.1.4.1791'],
      forestFunctionality: ['7'],
      highestCommittedUSN: ['4263'],
      namingContexts: ['DC=example,DC=test'],
    },
  ],
  // Samba AD DC publishes the capability but an older forest level
  ['active-directory', { supportedcapabilities: ['1.2.840.113556.1.4.800'], vendorName: ['Samba Team'] }],
  [
    'openldap',
    { structuralObjectClass: ['OpenLDAProotDSE'], objectClass: ['top', 'OpenLDAProotDSE'], namingContexts: ['dc=x'] },
  ],
  ['openldap', { structuralobjectclass: ['OpenLDAProotDSE'] }],
  ['389-ds', { vendorName: ['389 Project'], vendorVersion: ['389-Directory/2.4.5 B2024.017.0000'] }],
  ['389-ds', { vendorName: ['Red Hat, Inc.'], objectClass: ['top'] }],
  ['unknown', { namingContexts: ['o=example'], vendorName: ['Example Corp'], objectClass: ['top'] }],
];

describe('the flavour registry', () => {
  it.each(FLAVOURS.map((f) => [f.name, f] as const))('%s is complete', (_name, flavour: DirectoryFlavour) => {
    expect(flavour.name).toMatch(/^[a-z0-9-]+$/);
    expect(flavour.label.length).toBeGreaterThan(0);
    expect(flavour.preset.loginAttributes.length).toBeGreaterThan(0);
    expect(flavour.preset.userFilter).toMatch(/^\(.*\)$/);
    expect(flavour.preset.attributeMap.email).toBeTruthy();
    expect(flavour.stableIds.length).toBeGreaterThan(0);
    if (flavour.preset.uidAttribute)
      expect(flavour.stableIds.map((s) => s.attribute)).toContain(flavour.preset.uidAttribute);
    expect(flavour.changeCounter.sources.length).toBeGreaterThan(0);
    expect(['uSNChanged', 'modifyTimestamp']).toContain(flavour.changeCounter.attribute);
    for (const code of Object.values(flavour.errors.subCodes)) expect(code.meaning).toMatch(/^[a-z]/);
    if (Object.keys(flavour.errors.subCodes).length > 0) expect(flavour.errors.subCode).toBeDefined();
    // the rules read only what is requested with every entry
    const read = new Set<string>();
    const values = {
      text: (name: string) => (read.add(name.toLowerCase()), undefined),
      bytes: (name: string) => (read.add(name.toLowerCase()), undefined),
    };
    expect(flavour.signInBlock(values, new Date())).toBeNull();
    expect(flavour.accountState(values, new Date())).toBeNull();
    expect([...read].sort()).toEqual(flavour.accountStateAttributes.map((a) => a.toLowerCase()).sort());
  });

  it('has unique names, aliases included, and the generic flavour last', () => {
    expect(new Set(FLAVOUR_INPUT_NAMES).size).toBe(FLAVOUR_INPUT_NAMES.length);
    expect(FLAVOURS.at(-1)).toBe(generic);
    expect(FLAVOURS).toEqual(expect.arrayContaining([activeDirectory, openLdap, ds389, generic]));
  });

  it('knows 389 Directory Server and FreeIPA by one name, and takes the old preset name on input', () => {
    expect(flavourByName('389-ds')).toBe(ds389);
    expect(flavourByName('freeipa')).toBe(ds389);
    expect(flavourByName('eDirectory')).toBeUndefined();
  });

  it.each(SAMPLE_ROOT_DSES)('recognises %s unambiguously from its root DSE', (expected, rootDse) => {
    const recognisers = FLAVOURS.filter((f) => f.recognise(rootDse)).map((f) => f.name);
    expect(recognisers).toEqual(expected === 'unknown' ? [] : [expected]);
    expect(recogniseServer(rootDse)).toBe(expected);
    // the connection test asks the root DSE for RECOGNITION_ATTRIBUTES only: they must be enough
    const asked = new Set(RECOGNITION_ATTRIBUTES.map((a) => a.toLowerCase()));
    const trimmed = Object.fromEntries(Object.entries(rootDse).filter(([name]) => asked.has(name.toLowerCase())));
    expect(recogniseServer(trimmed)).toBe(expected);
    expect(SERVER_TYPES).toContain(expected);
  });
});
