import { Anchor, Group, Pagination, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { useState } from 'react';
import { Link } from 'react-router';

import { LoadError } from '../../../components/LoadError';
import { Loading } from '../../../components/Loading';
import { RunStatusBadge } from '../../../components/RunStatusBadge';
import { ScrollableTable } from '../../../components/ScrollableTable';
import { useRuns, type SyncRunView } from './import-api';
import { formatDuration, formatNumber, formatTime, heldForConfirmation, modeLabel, triggerLabel } from './run-format';

const PAGE_SIZE = 10;
const LABEL = 'Import runs, newest first';
/** The table's width; where the history has less room (a phone, a tablet beside the navigation), one card per run. */
const TABLE_WIDTH = 900;
const COUNTERS: { label: string; value: (run: SyncRunView) => number }[] = [
  { label: 'Seen', value: (r) => r.counters.seen },
  { label: 'Created', value: (r) => r.counters.created },
  { label: 'Updated', value: (r) => r.counters.updated },
  { label: 'Disabled', value: (r) => r.counters.disabled },
  { label: 'Enabled', value: (r) => r.counters.enabled },
  { label: 'Skipped', value: (r) => r.counters.skipped },
  { label: 'Failed', value: (r) => r.counters.failed },
];

/**
 * Every run, newest first, with its counters; each links to its log lines and can be shown above.
 * A table where it fits, else one card per run: everything shown, nothing to scroll sideways. Only
 * one of the two is rendered (the room is measured), so each run's links and figures exist once.
 */
export function RunHistory({ onShow }: { onShow: (id: string) => void }) {
  const [page, setPage] = useState(1);
  const runs = useRuns(page, PAGE_SIZE);
  const { ref, width } = useElementSize();
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
          <div ref={ref}>
            {/* Fixed widths (the counters share the rest), so at 1280 px the whole table fits beside the
                navigation: a run's log link sits under its start time, its trigger under its mode. */}
            {width === 0 ? null : width >= TABLE_WIDTH ? (
              <ScrollableTable label={LABEL} minWidth={TABLE_WIDTH} layout="fixed">
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
            ) : (
              <Stack component="ul" aria-label={LABEL} gap="xs" p={0} m={0}>
                {runs.data.items.map((run) => (
                  <RunCard key={run.id} run={run} onShow={onShow} />
                ))}
              </Stack>
            )}
          </div>
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
  return (
    <Table.Tr>
      <Table.Td>
        <RunLinks run={run} onShow={onShow} />
      </Table.Td>
      <Table.Td>
        <RunStatusBadge status={run.status} wrap />
        <HeldNote run={run} />
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

/** One run where the table does not fit: the same facts, the counters as a labelled grid. */
function RunCard({ run, onShow }: { run: SyncRunView; onShow: (id: string) => void }) {
  const figures = [
    { label: 'Duration', value: formatDuration(run.durationMs) },
    ...COUNTERS.map((c) => ({ label: c.label, value: formatNumber(c.value(run)) })),
  ];
  return (
    <Paper component="li" withBorder radius="sm" p="sm" style={{ listStyle: 'none' }}>
      <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
        <div>
          <RunLinks run={run} onShow={onShow} />
        </div>
        <div style={{ textAlign: 'right' }}>
          <RunStatusBadge status={run.status} wrap />
          <HeldNote run={run} />
        </div>
      </Group>
      <Text size="xs" c="gray.7" mt={4}>
        {modeLabel(run.mode)} · {triggerLabel(run.trigger)}
      </Text>
      <SimpleGrid component="dl" cols={4} spacing="xs" verticalSpacing={4} m={0} mt="xs">
        {figures.map((figure) => (
          <div key={figure.label}>
            <Text component="dt" size="xs" c="gray.7">
              {figure.label}
            </Text>
            <Text component="dd" size="sm" fw={600} m={0} style={{ fontVariantNumeric: 'tabular-nums' }}>
              {figure.value}
            </Text>
          </div>
        ))}
      </SimpleGrid>
    </Paper>
  );
}

/** The start time (shows the run above) and the run's log lines. */
function RunLinks({ run, onShow }: { run: SyncRunView; onShow: (id: string) => void }) {
  const started = formatTime(run.startedAt);
  return (
    <>
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
    </>
  );
}

/** Users the run held at the brake, still to confirm (a failed run can hold some too). */
function HeldNote({ run }: { run: SyncRunView }) {
  const held = heldForConfirmation(run);
  if (held === 0) return null;
  return (
    <Text size="xs" mt={2}>
      {formatNumber(held)} held for confirmation
    </Text>
  );
}
