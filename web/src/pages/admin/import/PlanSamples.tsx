import { Stack, Table, Text, Title } from '@mantine/core';

import { ScrollableTable } from '../../../components/ScrollableTable';
import type { PlannedAction, PlannedChangeView, SyncCountersView } from './import-api';
import { formatNumber } from './run-format';

interface Group {
  action: PlannedAction;
  planned: string;
  done: string;
  count: (c: SyncCountersView) => number;
}

const GROUPS: Group[] = [
  { action: 'create', planned: 'Would create', done: 'Created', count: (c) => c.created },
  { action: 'update', planned: 'Would update', done: 'Updated', count: (c) => c.updated },
  { action: 'disable', planned: 'Would disable', done: 'Disabled', count: (c) => c.disabled },
  { action: 'enable', planned: 'Would enable again', done: 'Enabled again', count: (c) => c.enabled },
  { action: 'skip', planned: 'Would skip', done: 'Skipped', count: (c) => c.skipped },
  { action: 'mailbox-add', planned: 'Would add to mailboxes', done: 'Added to mailboxes', count: (c) => c.mailboxAdds },
  {
    action: 'mailbox-remove',
    planned: 'Would remove from mailboxes',
    done: 'Removed from mailboxes',
    count: (c) => c.mailboxRemoves,
  },
];

/** Sample rows of each kind of change, with how many there are in all. */
export function PlanSamples({
  sample,
  counters,
  planned,
}: {
  sample: PlannedChangeView[];
  counters: SyncCountersView;
  planned: boolean;
}) {
  const groups = GROUPS.map((group) => ({
    ...group,
    rows: sample.filter((c) => c.action === group.action),
    total: group.count(counters),
  })).filter((group) => group.total > 0 || group.rows.length > 0);
  if (groups.length === 0) {
    return (
      <Text size="sm">
        {planned ? 'Nothing would change: the users already match the directory.' : 'Nothing changed.'}
      </Text>
    );
  }
  return (
    <Stack gap="lg">
      {groups.map((group) => {
        const title = planned ? group.planned : group.done;
        return (
          <div key={group.action}>
            <Title order={4} size="h5" mb={4}>
              {title} ({formatNumber(group.total)})
            </Title>
            {group.rows.length < group.total && (
              <Text size="xs" c="gray.7" mb={4}>
                The first {group.rows.length} of {formatNumber(group.total)}; the LDAP log of this run lists them all.
              </Text>
            )}
            {group.rows.length > 0 && (
              <SampleTable caption={`${title}: examples`} rows={group.rows} action={group.action} />
            )}
          </div>
        );
      })}
    </Stack>
  );
}

function detail(change: PlannedChangeView): string {
  if (change.action === 'skip') return change.reason ?? '';
  if (change.action === 'update') return change.fields?.length ? `changes ${change.fields.join(', ')}` : '';
  if (change.mailbox) return change.mailbox;
  return '';
}

const DETAIL_HEADER: Partial<Record<PlannedAction, string>> = {
  skip: 'Reason',
  update: 'Fields',
  'mailbox-add': 'Mailbox',
  'mailbox-remove': 'Mailbox',
};

function SampleTable({ caption, rows, action }: { caption: string; rows: PlannedChangeView[]; action: PlannedAction }) {
  const detailHeader = DETAIL_HEADER[action];
  return (
    <ScrollableTable label={caption} minWidth={560}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Email</Table.Th>
          <Table.Th>DN</Table.Th>
          {detailHeader && <Table.Th>{detailHeader}</Table.Th>}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row, index) => (
          <Table.Tr key={`${row.dn ?? row.email}-${index}`}>
            <Table.Td>{row.email ?? '—'}</Table.Td>
            <Table.Td style={{ wordBreak: 'break-all' }}>{row.dn ?? '—'}</Table.Td>
            {detailHeader && <Table.Td>{detail(row)}</Table.Td>}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </ScrollableTable>
  );
}
