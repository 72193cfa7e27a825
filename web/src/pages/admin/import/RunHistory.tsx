import { Anchor, Group, Pagination, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';

import { LoadError } from '../../../components/LoadError';
import { Loading } from '../../../components/Loading';
import { RunStatusBadge } from '../../../components/RunStatusBadge';
import { ScrollableTable } from '../../../components/ScrollableTable';
import { useRuns, type SyncRunView } from './import-api';
import { formatDuration, formatNumber, formatTime, modeLabel, triggerLabel } from './run-format';

const PAGE_SIZE = 10;
const COUNTERS: { label: string; value: (run: SyncRunView) => number }[] = [
  { label: 'Seen', value: (r) => r.counters.seen },
  { label: 'Created', value: (r) => r.counters.created },
  { label: 'Updated', value: (r) => r.counters.updated },
  { label: 'Disabled', value: (r) => r.counters.disabled },
  { label: 'Enabled', value: (r) => r.counters.enabled },
  { label: 'Skipped', value: (r) => r.counters.skipped },
  { label: 'Failed', value: (r) => r.counters.failed },
];

/** Every run, newest first, with its counters; each links to its log lines and can be shown above. */
export function RunHistory({ onShow }: { onShow: (id: string) => void }) {
  const [page, setPage] = useState(1);
  const runs = useRuns(page, PAGE_SIZE);
  const pages = runs.data ? Math.max(1, Math.ceil(runs.data.total / PAGE_SIZE)) : 1;
  return (
    <Stack gap="sm">
      <Title order={2} size="h3">
        History
      </Title>
      {runs.isPending && <Loading label="Loading the runs" />}
      {runs.isError && <LoadError error={runs.error} onRetry={() => runs.refetch()} />}
      {runs.data && runs.data.items.length === 0 && <Text size="sm">No import has run yet.</Text>}
      {runs.data && runs.data.items.length > 0 && (
        <>
          {/* Fixed widths (the counters share the rest), so at 1280 px the whole table fits beside the
              navigation: a run's log link sits under its start time, its trigger under its mode. */}
          <ScrollableTable label="Import runs, newest first" minWidth={900} layout="fixed">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={124}>Started</Table.Th>
                <Table.Th w={164}>Status</Table.Th>
                <Table.Th w={104}>Mode</Table.Th>
                <Table.Th w={84}>Duration</Table.Th>
                {COUNTERS.map((c) => (
                  <Table.Th key={c.label} ta="right" px={6}>
                    {c.label}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {runs.data.items.map((run) => (
                <RunRow key={run.id} run={run} onShow={onShow} />
              ))}
            </Table.Tbody>
          </ScrollableTable>
          {pages > 1 && (
            <Group justify="flex-end">
              <nav aria-label="Pages of runs">
                <Pagination
                  total={pages}
                  value={page}
                  onChange={setPage}
                  size="sm"
                  getControlProps={(control) => ({
                    'aria-label':
                      control === 'previous' ? 'Previous page' : control === 'next' ? 'Next page' : `${control} page`,
                  })}
                  getItemProps={(item) => ({ 'aria-label': `Page ${item}` })}
                />
              </nav>
            </Group>
          )}
        </>
      )}
    </Stack>
  );
}

function RunRow({ run, onShow }: { run: SyncRunView; onShow: (id: string) => void }) {
  const started = formatTime(run.startedAt);
  return (
    <Table.Tr>
      <Table.Td>
        <Anchor
          component="button"
          type="button"
          size="sm"
          ta="left"
          onClick={() => onShow(run.id)}
          aria-label={`Show the run started ${started}`}
        >
          {started}
        </Anchor>
        <Anchor
          component={Link}
          to={`/admin/logs?runId=${encodeURIComponent(run.id)}`}
          size="xs"
          display="block"
          aria-label={`Log lines of the run started ${started}`}
        >
          Log lines
        </Anchor>
      </Table.Td>
      <Table.Td>
        <RunStatusBadge status={run.status} wrap />
      </Table.Td>
      <Table.Td>
        {modeLabel(run.mode)}
        <Text size="xs" c="gray.7">
          {triggerLabel(run.trigger)}
        </Text>
      </Table.Td>
      <Table.Td>{formatDuration(run.durationMs)}</Table.Td>
      {COUNTERS.map((c) => (
        <Table.Td key={c.label} ta="right" px={6} style={{ fontVariantNumeric: 'tabular-nums' }}>
          {formatNumber(c.value(run))}
        </Table.Td>
      ))}
    </Table.Tr>
  );
}
