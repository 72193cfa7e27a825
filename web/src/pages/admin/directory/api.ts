import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api, ApiError, unwrap } from '../../../api/client';
import type { Schemas } from '../../../api/types';

/*
 * The directory settings API, the one place this page casts. web/src/api/schema.d.ts does not
 * describe these answers yet: the shapes below are those of the console-api branch
 * (LdapSettingsView, LdapSettingsSavedView, DiagnosticReportView, AttributesReportView).
 * Once it is merged, replace them with Schemas['LdapSettingsView'] etc.
 */
export type Encryption = 'none' | 'ssl' | 'starttls';

export interface SettingsView {
  enabled: boolean;
  host: string;
  port: number;
  encryption: Encryption;
  caCertificate: string | null;
  verifyCertificate: boolean;
  timeoutMs: number;
  bindDn: string;
  bindUsername: string | null;
  bindPassword: string | null;
  loginAttributes: string[];
  searchScopes: { dn: string; filter: string }[];
  allowBindDnScopeLogin: boolean;
  attributeMap: { email: string; firstName?: string | null; lastName?: string | null; jobTitle?: string | null; phone?: string | null };
  uidAttribute: string | null;
  fallbackToLocal: boolean;
  pageSize: number;
  sampleSize: number;
  /** nextRuns arrives with the settings-trust branch; absent before. */
  sync: { enabled: boolean; schedule: string; deprovision: 'disable' | 'none'; maxDisablePercent: number; fullSyncEveryHours: number; nextRuns?: string[] };
  sso: {
    enabled: boolean;
    header: string;
    trustedProxies: string[];
    secretHeader: string | null;
    secret: string | null;
    autoCreate: boolean;
    stripDomain: boolean;
    logoutUrl: string | null;
  };
  version: number;
  updatedAt: string | null;
  updatedBy: string | null;
}

export interface SavedView {
  settings: SettingsView;
  notes: string[];
}

export type StepName = 'resolve' | 'connect' | 'tls' | 'bind' | 'search';

export interface TestReport {
  ok: boolean;
  serverType?: string;
  steps: { step: StepName; ok: boolean; ms: number; message: string; hint?: string; code?: string; warnings?: string[] }[];
  scopes?: { dn: string; filter: string; users: number; capped: boolean }[];
  notes: string[];
}

export interface AttributesReport {
  attributes: { name: string; example: string; entries: number }[];
  sampled: number;
  proposedMapping: Partial<Record<MappingField, string>>;
}

export type MappingField = 'email' | 'firstName' | 'lastName' | 'jobTitle' | 'phone';

/** What the PUT, test and attributes calls take: only the fields that differ from the stored settings. */
export interface SettingsBody {
  [key: string]: unknown;
  sync?: Record<string, unknown>;
  sso?: Record<string, unknown>;
}

// The generated request type has no shapes for the nested DTOs (searchScopes comes out as string[]).
const asRequest = (body: SettingsBody) => body as Schemas['LdapSettingsDto'];

/** A directory failure (502) carries the same plain-words hint as the connection test. */
export class DirectoryError extends ApiError {
  constructor(status: number, message: string, readonly hint: string | undefined, readonly code: string | undefined) {
    super(status, message, {});
  }
}

export const SETTINGS_KEY = ['admin', 'ldap', 'settings'] as const;

export function useSettings() {
  return useQuery({
    queryKey: SETTINGS_KEY,
    queryFn: async () => (await unwrap(api.GET('/api/admin/ldap/settings'))) as unknown as SettingsView,
  });
}

export function useSaveSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: SettingsBody) =>
      (await unwrap(api.PUT('/api/admin/ldap/settings', { body: asRequest(body) }))) as unknown as SavedView,
    onSuccess: (saved) => client.setQueryData(SETTINGS_KEY, saved.settings),
  });
}

export function useTestConnection() {
  return useMutation({
    mutationFn: async (body: SettingsBody) => (await unwrap(api.POST('/api/admin/ldap/test', { body: asRequest(body) }))) as unknown as TestReport,
  });
}

export function useFetchAttributes() {
  return useMutation({
    mutationFn: async (body: SettingsBody) => {
      const result = await api.POST('/api/admin/ldap/attributes', { body: asRequest(body) });
      if (result.response.status === 502) {
        const error = (result.error ?? {}) as { message?: string; hint?: string; code?: string };
        throw new DirectoryError(502, error.message ?? 'the directory did not answer', error.hint, error.code);
      }
      return (await unwrap(Promise.resolve(result))) as unknown as AttributesReport;
    },
  });
}
