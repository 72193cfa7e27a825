import { List, NumberInput, Select, SimpleGrid, Stack, Switch, Text, TextInput } from '@mantine/core';

import { CLOSED_DROPDOWN, type SectionProps } from './section';
import { SettingsSection } from './SettingsSection';

const DEPROVISION = [
  { value: 'disable', label: 'Disable them' },
  { value: 'none', label: 'Leave them active' },
];

/** Scheduled sync; nextRuns (from the API) are for the saved schedule. */
export function SyncSection({
  values,
  update,
  error,
  nextRuns,
  scheduleEdited,
}: SectionProps & { nextRuns?: string[]; scheduleEdited: boolean }) {
  const sync = values.sync;
  const set = (change: Partial<typeof sync>) => update((v) => ({ ...v, sync: { ...v.sync, ...change } }));
  return (
    <SettingsSection
      id="sync"
      title="Sync"
      description="Import on a schedule, and what happens to users who leave the directory."
    >
      <Switch
        label="Scheduled sync"
        checked={sync.enabled}
        onChange={(e) => set({ enabled: e.currentTarget.checked })}
        error={error('sync.enabled')}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Stack gap={4}>
          <TextInput
            label="Schedule (cron)"
            description='Five or six fields, e.g. "0 * * * *" for every hour'
            value={sync.schedule}
            onChange={(e) => set({ schedule: e.currentTarget.value })}
            error={error('sync.schedule')}
            spellCheck={false}
          />
          <NextRuns runs={nextRuns} edited={scheduleEdited} />
        </Stack>
        <Select
          comboboxProps={CLOSED_DROPDOWN}
          label="Users who leave the directory"
          data={DEPROVISION}
          value={sync.deprovision}
          onChange={(d) => d && set({ deprovision: d as 'disable' | 'none' })}
          error={error('sync.deprovision')}
          allowDeselect={false}
        />
        <NumberInput
          label="Most users one run may disable (%)"
          description="A run that would disable more stops and asks for confirmation"
          value={sync.maxDisablePercent}
          onChange={(maxDisablePercent) => set({ maxDisablePercent })}
          error={error('sync.maxDisablePercent')}
          min={0}
          max={100}
          allowDecimal={false}
        />
        <NumberInput
          label="Full sync every (hours)"
          description="Scheduled runs in between only look at changes"
          value={sync.fullSyncEveryHours}
          onChange={(fullSyncEveryHours) => set({ fullSyncEveryHours })}
          error={error('sync.fullSyncEveryHours')}
          min={1}
          max={720}
          allowDecimal={false}
        />
      </SimpleGrid>
    </SettingsSection>
  );
}

function NextRuns({ runs, edited }: { runs?: string[]; edited: boolean }) {
  if (runs === undefined) return null;
  if (edited) {
    return (
      <Text size="sm" c="dimmed">
        Save to see the next run times of the new schedule.
      </Text>
    );
  }
  if (runs.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No scheduled runs (LDAP sign-in or scheduled sync is off).
      </Text>
    );
  }
  return (
    <div>
      <Text size="sm" id="next-runs-label">
        Next runs:
      </Text>
      <List size="sm" aria-labelledby="next-runs-label">
        {runs.slice(0, 3).map((run) => (
          <List.Item key={run}>
            <time dateTime={run}>{new Date(run).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' })}</time>
          </List.Item>
        ))}
      </List>
    </div>
  );
}
