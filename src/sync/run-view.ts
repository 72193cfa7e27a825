import type { SyncRunEntity } from './entities/sync-run.entity.js';
import {
  emptyCounters,
  emptyPlan,
  type RunMode,
  type RunPlan,
  type RunStatus,
  type RunTrigger,
  type SyncProgress,
  type SyncRunView,
} from './run/run-types.js';

/** A run record as the API shows it. */
export function toRunView(row: SyncRunEntity): SyncRunView {
  const plan = planOf(row);
  const progress = parse<SyncProgress>(row.progress, { pages: 0, entries: 0 });
  const end = row.finishedAt ?? new Date();
  return {
    id: row.id,
    status: row.status as RunStatus,
    mode: row.mode as RunMode,
    trigger: row.trigger as RunTrigger,
    progress,
    counters: { ...emptyCounters(), ...parse(row.counters, {}) },
    durationMs: Math.max(0, end.getTime() - row.startedAt.getTime()),
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    startedBy: row.startedBy,
    error: row.error,
    sample: plan.sample,
    pendingDisable: plan.pendingDisable,
    pendingDisableTotal: plan.pendingDisableTotal,
    warnings: plan.warnings,
  };
}

export function planOf(row: Pick<SyncRunEntity, 'plan'>): RunPlan {
  return { ...emptyPlan(), ...parse<Partial<RunPlan>>(row.plan, {}) };
}

function parse<T>(text: string | null, fallback: T): T {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}
