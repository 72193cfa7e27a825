export type ServerType = 'active-directory' | '389-ds' | 'openldap' | 'unknown';

const AD_CAPABILITY = '1.2.840.113556.1.4.800';

/** Which directory answers, from its root DSE: AD advertises its capability OID, 389 its vendor, OpenLDAP its class. */
export function detectServerType(rootDse: Record<string, string[]>): ServerType {
  const get = (name: string) =>
    Object.entries(rootDse).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1] ?? [];
  if (get('supportedCapabilities').includes(AD_CAPABILITY) || get('forestFunctionality').length > 0)
    return 'active-directory';
  if (get('vendorName').some((v) => /389|fedora|red hat/i.test(v))) return '389-ds';
  if (
    get('structuralObjectClass').some((v) => v === 'OpenLDAProotDSE') ||
    get('objectClass').some((v) => v === 'OpenLDAProotDSE')
  )
    return 'openldap';
  return 'unknown';
}

export const ROOT_DSE_ATTRIBUTES = [
  'supportedCapabilities',
  'forestFunctionality',
  'vendorName',
  'vendorVersion',
  'structuralObjectClass',
  'objectClass',
  'namingContexts',
  'supportedControl',
];
