import { Alert, Group, Stack, Switch, Text, Title } from '@mantine/core';
import { useState } from 'react';

import { ApiError } from '../../../api/client';
import { LoadError } from '../../../components/LoadError';
import { Loading } from '../../../components/Loading';
import { Pager } from '../../../components/Pager';
import { READABLE_DESCRIPTION } from '../../../components/readableDescription';
import { LogDetailsModal } from './LogDetailsModal';
import { LogFilterBar } from './LogFilters';
import { LogsTable } from './LogsTable';
import { FILTER_KEYS, type LogLine, PAGE_SIZE, useLogFilters, useLogLines } from './logsApi';

/** "Manage > Logs > LDAP": the LDAP log, newest first, filtered through the address. */
export default function LogsPage() {
  const [filters, setFilters] = useLogFilters();
  const [autoRefresh, setAutoRefresh] = useState(false);
  const [open, setOpen] = useState<LogLine | null>(null);
  const lines = useLogLines(filters, autoRefresh);
  // A 400 names the filter it refuses: shown beside that field, the last good page stays on screen.
  const badFilter = lines.error instanceof ApiError && lines.error.status === 400 ? lines.error : null;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Title order={1}>LDAP log</Title>
        <Switch
          label="Auto-refresh"
          description="every 5 seconds"
          styles={READABLE_DESCRIPTION}
          checked={autoRefresh}
          onChange={(e) => setAutoRefresh(e.currentTarget.checked)}
        />
      </Group>
      <LogFilterBar filters={filters} onChange={setFilters} error={badFilter} />
      {badFilter && (
        <Alert color="red" role="alert" title="The log could not be filtered">
          {badFilter.message}
        </Alert>
      )}
      {lines.isPending ? (
        <Loading label="Loading the log" />
      ) : lines.isError && !badFilter && !lines.data ? (
        <LoadError error={lines.error} onRetry={() => lines.refetch()} />
      ) : lines.data ? (
        <>
          {lines.data.items.length === 0 ? (
            <EmptyLog filtered={FILTER_KEYS.some((key) => filters[key])} pastTheEnd={lines.data.total > 0} />
          ) : (
            <LogsTable lines={lines.data.items} onOpen={setOpen} />
          )}
          <Pager
            label="Log pages"
            page={filters.page}
            pageSize={PAGE_SIZE}
            total={lines.data.total}
            onChange={(page) => setFilters({ page })}
          />
        </>
      ) : null}
      <LogDetailsModal
        line={open}
        onClose={() => setOpen(null)}
        onShowRun={(runId) => {
          setOpen(null);
          setFilters({ runId });
        }}
      />
    </Stack>
  );
}

/** Why there is no line to show: one sentence, with what to do when filters (or the page number) hide lines. */
function EmptyLog({ filtered, pastTheEnd }: { filtered: boolean; pastTheEnd: boolean }) {
  const [title, hint] = pastTheEnd
    ? ['No log lines on this page.', 'The log has fewer pages: pick one below.']
    : filtered
      ? [
          'No log lines match these filters.',
          'Widen the date range or change a filter; "Clear filters" shows the whole log.',
        ]
      : [
          'The LDAP log is empty.',
          'Sign-ins through the directory, imports and connection tests write their lines here.',
        ];
  return (
    <div role="status">
      <Text fw={600}>{title}</Text>
      <Text size="sm" c="gray.7">
        {hint}
      </Text>
    </div>
  );
}
