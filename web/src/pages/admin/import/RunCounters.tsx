import { Figures } from '../../../components/Figures';
import type { SyncCountersView } from './import-api';
import { formatNumber } from './run-format';

/** What a run did (or a dry run would do), by kind. */
export function RunCounters({ counters, planned }: { counters: SyncCountersView; planned: boolean }) {
  const would = (done: string, plan: string) => (planned ? plan : done);
  return (
    <Figures
      figures={[
        { label: would('Created', 'Would create'), value: formatNumber(counters.created) },
        { label: would('Updated', 'Would update'), value: formatNumber(counters.updated) },
        { label: would('Disabled', 'Would disable'), value: formatNumber(counters.disabled) },
        { label: would('Enabled again', 'Would enable again'), value: formatNumber(counters.enabled) },
        { label: would('Skipped', 'Would skip'), value: formatNumber(counters.skipped) },
        { label: 'Unchanged', value: formatNumber(counters.unchanged) },
        { label: 'Failed', value: formatNumber(counters.failed) },
        { label: would('Mailbox members added', 'Mailbox members to add'), value: formatNumber(counters.mailboxAdds) },
        {
          label: would('Mailbox members removed', 'Mailbox members to remove'),
          value: formatNumber(counters.mailboxRemoves),
        },
      ]}
    />
  );
}
