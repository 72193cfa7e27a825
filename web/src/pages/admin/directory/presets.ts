import type { MappingField, Preset } from './api';
import { type FormValues, scopeRow } from './form';

/*
 * The presets themselves come from the server (usePresets, GET /api/admin/ldap/presets), read from
 * the flavour files it applies them from. A preset sent with a save applies only to scopes already
 * stored; filling it in on screen lets the admin see, edit and test the values before saving, and
 * the save sends what is shown.
 */

/** As the server's applyPreset: scope filters replaced, scope DNs kept; one empty scope row when there is none. */
export function applyPreset(values: FormValues, preset: Preset): FormValues {
  const rows = values.searchScopes.length > 0 ? values.searchScopes : [scopeRow()];
  const attributeMap = Object.fromEntries(
    Object.keys(values.attributeMap).map((field) => [field, preset.attributeMap[field as MappingField] ?? '']),
  ) as FormValues['attributeMap'];
  return {
    ...values,
    loginAttributes: [...preset.loginAttributes],
    attributeMap,
    uidAttribute: preset.uidAttribute ?? '',
    searchScopes: rows.map((row) => ({ ...row, filter: preset.userFilter })),
  };
}
