import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api, ApiError, unwrap } from '../../../api/client';
import type { Schemas } from '../../../api/types';

export type SyncRunView = Schemas['SyncRunView'];
export type SyncRunsPage = Schemas['SyncRunsPage'];
export type SyncCountersView = Schemas['SyncCountersView'];
export type PlannedChangeView = Schemas['PlannedChangeView'];
export type PlannedAction = Schemas['PlannedAction'];

/** The sync settings, with the next run times when the API gives them (the settings-trust branch adds `nextRuns`). */
export type SyncSchedule = Schemas['SyncSettingsView'] & { nextRuns?: string[] };

export const RUNS_KEY = ['ldap-runs'] as const;
const runKey = (id: string | null) => ['ldap-run', id] as const;

/** One run, polled every second while it is running. */
export function useRun(id: string | null) {
  return useQuery({
    queryKey: runKey(id),
    queryFn: () => unwrap(api.GET('/api/admin/ldap/runs/{id}', { params: { path: { id: id ?? '' } } })),
    enabled: id !== null,
    refetchInterval: (query) => (query.state.data?.status === 'running' ? 1000 : false),
  });
}

/** A page of runs, newest first; refreshed every few seconds while the newest one runs. */
export function useRuns(page: number, pageSize: number) {
  return useQuery({
    queryKey: [...RUNS_KEY, page, pageSize],
    queryFn: () => fetchRuns(page, pageSize),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (query.state.data?.items.some((r) => r.status === 'running') ? 3000 : false),
  });
}

export function useSyncSchedule() {
  return useQuery({
    queryKey: ['ldap-settings'],
    queryFn: async () => unwrap(api.GET('/api/admin/ldap/settings')),
    select: (settings): SyncSchedule => settings.sync,
  });
}

export interface StartOptions {
  dryRun: boolean;
  full: boolean;
  force?: boolean;
}

/** The run that was started, or (409) the run that was already going. */
export interface Started {
  runId: string;
  alreadyRunning: boolean;
}

/** Starts an import; a 409 (one run at a time) answers with the run that holds the lock. */
export function useStartImport() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (options: StartOptions): Promise<Started> => {
      // asking first spares the browser console a 409 in the common case; the 409 still covers a race
      const running = await latestRunning();
      if (running) return { runId: running, alreadyRunning: true };
      try {
        const started = await unwrap(api.POST('/api/admin/ldap/import', { body: options }));
        return { runId: started.runId, alreadyRunning: false };
      } catch (error) {
        if (!(error instanceof ApiError) || error.status !== 409) throw error;
        const runId = (typeof error.body.runId === 'string' ? error.body.runId : undefined) ?? (await latestRunning());
        if (!runId) throw error;
        return { runId, alreadyRunning: true };
      }
    },
    onSettled: () => client.invalidateQueries({ queryKey: RUNS_KEY }),
  });
}

function fetchRuns(page: number, pageSize: number): Promise<SyncRunsPage> {
  return unwrap(api.GET('/api/admin/ldap/runs', { params: { query: { page, pageSize } } }));
}

async function latestRunning(): Promise<string | null> {
  return (await fetchRuns(1, 5)).items.find((r) => r.status === 'running')?.id ?? null;
}
