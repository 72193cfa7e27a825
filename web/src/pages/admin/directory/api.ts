import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api, ApiError, unwrap } from '../../../api/client';
import type { Schemas } from '../../../api/types';

export type Encryption = Schemas['Encryption'];
export type SettingsView = Schemas['LdapSettingsView'];
export type TestReport = Schemas['DiagnosticReportView'];
export type StepName = Schemas['DiagnosticStepName'];
export type AttributesReport = Schemas['AttributesReportView'];
export type MappingField = keyof Schemas['AttributeMapView'];
export type Preset = Schemas['PresetView'];

/** What the PUT, test and attributes calls take: only the fields that differ from the stored settings. */
export interface SettingsBody {
  [key: string]: unknown;
  sync?: Record<string, unknown>;
  sso?: Record<string, unknown>;
}

// The one cast left: the generated LdapSettingsDto has no shapes for its nested DTOs (searchScopes
// comes out as string[], sync and sso as empty objects) until they carry @ApiProperty in the API.
const asRequest = (body: SettingsBody) => body as Schemas['LdapSettingsDto'];

/** The next scheduled runs (ISO 8601), once the API sends sync.nextRuns; undefined before. */
export function nextRunsOf(view: SettingsView): string[] | undefined {
  const sync: object = view.sync;
  if (!('nextRuns' in sync) || !Array.isArray(sync.nextRuns)) return undefined;
  return sync.nextRuns.filter((run): run is string => typeof run === 'string');
}

/** A directory failure (502) carries the same plain-words hint as the connection test. */
export class DirectoryError extends ApiError {
  constructor(
    status: number,
    message: string,
    readonly hint: string | undefined,
    readonly code: string | undefined,
  ) {
    super(status, message, {});
  }
}

export const SETTINGS_KEY = ['admin', 'ldap', 'settings'] as const;

export function useSettings() {
  return useQuery({
    queryKey: SETTINGS_KEY,
    queryFn: () => unwrap(api.GET('/api/admin/ldap/settings')),
  });
}

/** The directory presets as the server applies them (GET /api/admin/ldap/presets); they change only with a new release. */
export function usePresets() {
  return useQuery({
    queryKey: ['admin', 'ldap', 'presets'],
    queryFn: () => unwrap(api.GET('/api/admin/ldap/presets')),
    staleTime: Infinity,
  });
}

export function useSaveSettings() {
  const client = useQueryClient();
  return useMutation({
    // The version the page loaded: a save over someone else's newer one is refused (409) rather than undoing it.
    mutationFn: (body: SettingsBody) =>
      unwrap(
        api.PUT('/api/admin/ldap/settings', {
          body: asRequest({ ...body, version: client.getQueryData<SettingsView>(SETTINGS_KEY)?.version }),
        }),
      ),
    onSuccess: (saved) => client.setQueryData(SETTINGS_KEY, saved.settings),
  });
}

export function useTestConnection() {
  return useMutation({
    mutationFn: (body: SettingsBody) => unwrap(api.POST('/api/admin/ldap/test', { body: asRequest(body) })),
  });
}

export function useFetchAttributes() {
  return useMutation({
    mutationFn: async (body: SettingsBody) => {
      const result = await api.POST('/api/admin/ldap/attributes', { body: asRequest(body) });
      if (result.response.status === 502 && result.error && 'hint' in result.error) {
        const { message, hint, code } = result.error;
        throw new DirectoryError(502, message, hint, code);
      }
      return unwrap(Promise.resolve(result));
    },
  });
}
