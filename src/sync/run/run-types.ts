export type RunStatus = 'running' | 'succeeded' | 'failed' | 'needs_confirmation';
export type RunMode = 'full' | 'delta' | 'dry-run';
export type RunTrigger = 'cli' | 'api' | 'schedule';

export interface SyncCounters {
  seen: number;
  created: number;
  updated: number;
  unchanged: number;
  disabled: number;
  enabled: number;
  skipped: number;
  failed: number;
  mailboxAdds: number;
  mailboxRemoves: number;
}

export interface SyncProgress {
  pages: number;
  entries: number;
}

export type PlannedAction = 'create' | 'update' | 'enable' | 'disable' | 'skip' | 'mailbox-add' | 'mailbox-remove';

/** One change a run made or (dry run) would make. */
export interface PlannedChange {
  action: PlannedAction;
  dn: string | null;
  email: string | null;
  fields?: string[];
  mailbox?: string;
  /** skip: why. */
  reason?: string;
}

export interface PendingDisable {
  id: number;
  email: string;
  dn: string | null;
}

/** What a run record keeps besides its counters: read back by the API. */
export interface RunPlan {
  sample: PlannedChange[];
  pendingDisable: PendingDisable[];
  pendingDisableTotal: number;
  warnings: string[];
  /** Fingerprint of the settings that decide who is a user: a delta is only valid against a full run with the same one. */
  settingsKey: string;
}

export { SyncRunView } from '../dto/sync-run.view.js';

export function emptyCounters(): SyncCounters {
  return {
    seen: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    disabled: 0,
    enabled: 0,
    skipped: 0,
    failed: 0,
    mailboxAdds: 0,
    mailboxRemoves: 0,
  };
}

export function emptyPlan(settingsKey = ''): RunPlan {
  return { sample: [], pendingDisable: [], pendingDisableTotal: 0, warnings: [], settingsKey };
}

/** Rows per statement: small enough for any placeholder or packet limit, large enough to be cheap. */
export const BATCH_SIZE = 500;
/** Planned changes kept in a run record per action (the plan's sample rows); users listed when confirmation is needed. */
export const SAMPLE_PER_ACTION = 10;
export const PENDING_LIST_SIZE = 1000;
