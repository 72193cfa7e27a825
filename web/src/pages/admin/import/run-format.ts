import type { SyncRunView } from './import-api';

const MODES: Record<SyncRunView['mode'], string> = { full: 'Full', delta: 'Delta', 'dry-run': 'Dry run' };
const TRIGGERS: Record<SyncRunView['trigger'], string> = {
  api: 'Console / API',
  cli: 'Command line',
  schedule: 'Schedule',
};

export const modeLabel = (mode: SyncRunView['mode']) => MODES[mode] ?? mode;
export const triggerLabel = (trigger: SyncRunView['trigger']) => TRIGGERS[trigger] ?? trigger;

/** 950 ms, 12.4 s, 3 min 05 s, 1 h 02 min. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const s = Math.floor(seconds % 60);
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${String(s).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

export function formatTime(iso: string): string {
  return new Date(iso).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });
}

export const formatNumber = (n: number) => n.toLocaleString();

/**
 * Users the run held back at the deprovision brake, waiting for a person to confirm: a run that
 * stopped for it (needs_confirmation), or one whose pass failed after tripping it (failed, with the
 * held users in pendingDisable). A dry run's list is only its plan; 0 for any other run.
 */
export function heldForConfirmation(run: Pick<SyncRunView, 'mode' | 'status' | 'pendingDisableTotal'>): number {
  if (run.mode === 'dry-run') return 0;
  if (run.status !== 'needs_confirmation' && run.status !== 'failed') return 0;
  return run.pendingDisableTotal;
}

/** "1 directory user", "12 directory users". */
export const directoryUsers = (n: number) => `${formatNumber(n)} directory ${n === 1 ? 'user' : 'users'}`;

/** Directory entries read per second so far. */
export function usersPerSecond(run: Pick<SyncRunView, 'progress' | 'durationMs'>): string {
  if (run.durationMs <= 0) return '0';
  const rate = run.progress.entries / (run.durationMs / 1000);
  return rate >= 100 ? formatNumber(Math.round(rate)) : rate.toFixed(1);
}

/**
 * The share of directory users a run would disable: the API's own figure from its message when it
 * gives one, else an estimate from the counters (users still seen plus those gone).
 */
export function disablePercent(run: SyncRunView): { text: string; estimated: boolean } {
  for (const line of [...run.warnings, run.error ?? '']) {
    const match = line.match(/\((\d+(?:\.\d+)?) ?%\)/);
    if (match) return { text: `${match[1]} %`, estimated: false };
  }
  const kept = Math.max(0, run.counters.seen - run.counters.skipped - run.counters.failed);
  const total = kept + run.pendingDisableTotal;
  const percent = total === 0 ? 100 : (run.pendingDisableTotal * 100) / total;
  return { text: `about ${percent.toFixed(1)} %`, estimated: true };
}
