import type { SyncRunView } from '../sync/run/run-types.js';
import { SyncService } from '../sync/sync.service.js';
import { CliCommand, CliError } from './cli-command.js';

const TICK_MS = 500;

/** `ldap:import [--dry-run] [--full] [--force]`: the same run as the API's, watched from the terminal. */
export const importCommand: CliCommand = {
  name: 'ldap:import',
  flags: ['--dry-run', '--full', '--force'],
  summary: 'import users from the directory now (progress on a terminal, summary at the end)',
  async run(app, { actor, flags, print }) {
    // a refusal (LDAP off, a run already going) is a DomainError, printed by main as it is
    const handle = await app.get(SyncService).start({
      trigger: 'cli',
      actor,
      dryRun: flags.has('--dry-run'),
      full: flags.has('--full'),
      force: flags.has('--force'),
    });
    print(`run ${handle.runId} started`);
    const timer = process.stdout.isTTY
      ? setInterval(() => process.stdout.write(`\r${progressLine(handle.progress())}`), TICK_MS)
      : undefined;
    const view = await handle.done.finally(() => {
      if (timer) clearInterval(timer);
      if (timer) process.stdout.write('\n');
    });
    print(summary(view));
    if (view.status === 'failed') throw new CliError(`the import failed: ${view.error ?? 'see the LDAP log'}`);
    if (view.status === 'needs_confirmation') {
      throw new CliError(
        `${view.pendingDisableTotal} users would be disabled, above maxDisablePercent: nobody was disabled. Check the list (GET /api/admin/ldap/runs/${view.id}) and run again with --force to apply it.`,
      );
    }
  },
};

function progressLine(view: SyncRunView): string {
  const c = view.counters;
  return `${view.mode} import: ${view.progress.pages} pages, ${view.progress.entries} entries; created ${c.created}, updated ${c.updated}, unchanged ${c.unchanged}, skipped ${c.skipped}`;
}

function summary(view: SyncRunView): string {
  const c = view.counters;
  const rows: [string, number | string][] = [
    ['status', view.status],
    ['mode', view.mode],
    ['seen', c.seen],
    ['created', c.created],
    ['updated', c.updated],
    ['unchanged', c.unchanged],
    ['disabled', c.disabled],
    ['enabled', c.enabled],
    ['skipped', c.skipped],
    ['failed', c.failed],
    ['mailbox adds', c.mailboxAdds],
    ['mailbox removes', c.mailboxRemoves],
    ['duration', `${(view.durationMs / 1000).toFixed(1)} s`],
  ];
  const lines = rows.map(([k, v]) => `  ${k.padEnd(16)}${v}`);
  return [...lines, ...view.warnings.map((w) => `  warning: ${w}`)].join('\n');
}
