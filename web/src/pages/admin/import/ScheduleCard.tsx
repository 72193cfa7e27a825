import { Anchor, Badge, Code, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';

import { useSyncSchedule } from './import-api';
import { formatTime } from './run-format';

/** When imports run by themselves, and where to change it. */
export function ScheduleCard() {
  const schedule = useSyncSchedule();
  const sync = schedule.data;
  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="xs">
        <Group justify="space-between" gap="xs">
          <Title order={2} size="h3">
            Schedule
          </Title>
          {sync && (
            <Badge color={sync.enabled ? 'green' : 'gray'} variant="dot" radius="sm">
              {sync.enabled ? 'Scheduled sync on' : 'Scheduled sync off'}
            </Badge>
          )}
        </Group>
        {schedule.isPending && <Text size="sm">Loading the schedule…</Text>}
        {schedule.isError && (
          <Text size="sm" c="red" role="alert">
            Could not load the schedule: {schedule.error.message}
          </Text>
        )}
        {sync && (
          <>
            <Text size="sm">
              {sync.enabled ? 'Runs on the cron schedule ' : 'When turned on, runs on the cron schedule '}
              <Code style={{ whiteSpace: 'nowrap' }}>{sync.schedule}</Code>. Scheduled runs read only what changed, with
              a full run at least every {sync.fullSyncEveryHours} hours.{' '}
              {sync.deprovision === 'disable'
                ? `A full run disables users who left the directory, and asks first when more than ${sync.maxDisablePercent}\u00a0% would be disabled.`
                : 'Users who left the directory are not disabled (deprovisioning is off).'}
            </Text>
            {sync.enabled && sync.nextRuns && sync.nextRuns.length > 0 && (
              <div>
                <Text size="sm" fw={600} id="next-runs-label">
                  Next runs
                </Text>
                <List size="sm" aria-labelledby="next-runs-label">
                  {sync.nextRuns.slice(0, 3).map((at) => (
                    <List.Item key={at}>
                      <time dateTime={at}>{formatTime(at)}</time>
                    </List.Item>
                  ))}
                </List>
              </div>
            )}
          </>
        )}
        <Anchor component={Link} to="/admin/directory#sync" size="sm">
          Change the schedule in the directory settings
        </Anchor>
      </Stack>
    </Paper>
  );
}
