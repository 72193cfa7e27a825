import { Button, Checkbox, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';

import { Notice } from '../../../components/Notice';
import type { StartOptions } from './import-api';

interface RunControlsProps {
  busy: 'dry-run' | 'run' | null;
  /** A run is going: starting another would only be refused. */
  running: boolean;
  error: string | null;
  onStart: (options: StartOptions) => void;
}

/** "Dry run" (the plan, changes nothing) and "Run now" (with the full-run choice). */
export function RunControls({ busy, running, error, onStart }: RunControlsProps) {
  const [full, setFull] = useState(false);
  return (
    <Stack gap="sm">
      <Title order={2} size="h3">
        Import now
      </Title>
      <Text size="sm" c="gray.7">
        A dry run reads the whole directory and shows what an import would change, without changing anything. A full run
        reads every entry and can disable users who are no longer in the directory; otherwise only entries changed since
        the last run are read.
      </Text>
      <Checkbox
        label="Full run"
        description="Read every entry (and find users who left the directory)"
        checked={full}
        onChange={(event) => setFull(event.currentTarget.checked)}
        styles={{ description: { color: 'var(--mantine-color-gray-7)' } }}
      />
      <Group gap="sm">
        <Button
          variant="default"
          loading={busy === 'dry-run'}
          disabled={busy !== null}
          onClick={() => onStart({ dryRun: true, full: true })}
        >
          Dry run
        </Button>
        <Button loading={busy === 'run'} disabled={busy !== null} onClick={() => onStart({ dryRun: false, full })}>
          Run now
        </Button>
        {running && (
          <Text size="sm" c="gray.7">
            An import is running: it is shown below.
          </Text>
        )}
      </Group>
      {error && (
        <Notice color="red" role="alert" title="The import did not start">
          {error}
        </Notice>
      )}
    </Stack>
  );
}
