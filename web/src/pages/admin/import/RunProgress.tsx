import { Group, Loader, Text } from '@mantine/core';

import { Figures } from '../../../components/Figures';
import type { SyncRunView } from './import-api';
import { formatDuration, formatNumber, usersPerSecond } from './run-format';

/** How far the run got: entries, pages, rate and time, refreshed while it runs (read out politely). */
export function RunProgress({ run }: { run: SyncRunView }) {
  const running = run.status === 'running';
  return (
    <div role="region" aria-live="polite" aria-label="Progress">
      {running && (
        <Group gap="xs" mb="xs">
          <Loader size="xs" aria-hidden />
          <Text size="sm">Reading the directory…</Text>
        </Group>
      )}
      <Figures
        figures={[
          { label: 'Entries seen', value: formatNumber(run.progress.entries) },
          { label: 'Pages', value: formatNumber(run.progress.pages) },
          { label: 'Users per second', value: usersPerSecond(run) },
          { label: 'Elapsed', value: formatDuration(run.durationMs) },
        ]}
      />
    </div>
  );
}
