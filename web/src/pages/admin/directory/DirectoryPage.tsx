import { Alert, Box, Button, Group, List, Paper, SimpleGrid, Stack, Switch, Text, Title } from '@mantine/core';
import { type CSSProperties, useEffect, useRef, useState } from 'react';

import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { formatDateTime } from '../../../components/DateTimeText';
import { LoadError } from '../../../components/LoadError';
import { Loading } from '../../../components/Loading';
import { UnsavedChangesPrompt } from '../../../components/UnsavedChangesPrompt';
import { nextRunsOf, type SettingsView, usePresets, useSettings } from './api';
import { ConfirmTargetChange } from './ConfirmTargetChange';
import { ConnectionSection } from './ConnectionSection';
import { MappingSection } from './MappingSection';
import { applyPreset } from './presets';
import { ScopesSection } from './ScopesSection';
import { ServiceAccountSection } from './ServiceAccountSection';
import { SettingsSection } from './SettingsSection';
import { SsoSection } from './SsoSection';
import { SyncSection } from './SyncSection';
import { Notes, TestReport } from './TestReport';
import { useDirectoryForm } from './useDirectoryForm';

/** Directory settings (/admin/directory): the LDAP connection, scopes, mapping, sync and SSO, in one form. */
export default function DirectoryPage() {
  const settings = useSettings();
  if (settings.isPending) return <Loading label="Loading the directory settings" />;
  if (settings.isError) return <LoadError error={settings.error} onRetry={() => settings.refetch()} />;
  return <DirectoryForm view={settings.data} reload={async () => (await settings.refetch()).data} />;
}

function DirectoryForm({ view, reload }: { view: SettingsView; reload: () => Promise<SettingsView | undefined> }) {
  const form = useDirectoryForm(view);
  const presets = usePresets();
  const { values, update, error } = form;
  const [presetApplied, setPresetApplied] = useState<string | null>(null);
  const [reloading, setReloading] = useState(false);
  const summary = useRef<HTMLDivElement>(null);
  const sections = { values, update, error };
  const attributeNames = form.attributes.data?.attributes.map((a) => a.name) ?? [];

  // The summary of what went wrong takes the focus, so a keyboard or screen reader user hears it.
  useEffect(() => {
    if (form.problem || form.conflict) summary.current?.focus();
  }, [form.problem, form.conflict]);

  async function onReload() {
    setReloading(true);
    try {
      const fresh = await reload();
      if (fresh) form.reset(fresh);
    } finally {
      setReloading(false);
    }
  }

  return (
    // Mantine's dimmed grey (descriptions, hints) is below 4.5:1 on white; one shade darker here.
    <Box maw={1100} pb={96} style={{ '--mantine-color-dimmed': 'var(--mantine-color-gray-7)' } as CSSProperties}>
      <UnsavedChangesPrompt when={form.dirty} />
      <ConfirmTargetChange
        changes={form.confirming}
        enabled={values.enabled}
        passwordReentered={form.body.bindPassword !== undefined}
        onConfirm={() => form.doSave()}
        onCancel={form.cancelConfirm}
      />
      <ConfirmDialog
        opened={form.lockout !== null}
        title="No admin could sign in after this save"
        confirmLabel="Save anyway"
        danger
        busy={form.saving}
        onConfirm={() => form.doSave(true)}
        onCancel={form.cancelLockout}
      >
        <Text size="sm">{form.lockout}</Text>
        <Text size="sm">
          Once your session ends, the way back in is the command line on the server: npm run cli -- ldap:disable (or
          admin:create, admin:reset-password).
        </Text>
      </ConfirmDialog>
      <Stack gap="md">
        <div>
          <Title order={1}>Directory settings</Title>
          <Text size="sm" c="dimmed">
            {view.updatedAt
              ? `Last saved ${formatDateTime(view.updatedAt)} by ${view.updatedBy ?? 'unknown'}.`
              : 'Not saved yet: the fields show the defaults.'}
          </Text>
        </div>

        {(form.conflict || form.problem) && (
          <div ref={summary} tabIndex={-1} style={{ outline: 'none' }}>
            {form.conflict && (
              <Alert
                color="orange"
                title="These settings were changed elsewhere (another admin, or this console in another tab)"
                role="alert"
              >
                <Stack gap="xs">
                  <Text size="sm">{form.conflict}</Text>
                  <Text size="sm">
                    Reload to see the stored settings. Your unsaved changes on this page are then replaced.
                  </Text>
                  <Group>
                    <Button onClick={onReload} loading={reloading}>
                      Reload
                    </Button>
                  </Group>
                </Stack>
              </Alert>
            )}
            {form.problem && (
              <Alert color="red" title={form.problem.title} role="alert">
                {form.problem.messages.length > 0 && (
                  <List size="sm" spacing={2}>
                    {form.problem.messages.map((m) => (
                      <List.Item key={m}>{m}</List.Item>
                    ))}
                  </List>
                )}
                {form.problem.placed > 0 && (
                  <Text size="sm" mt={form.problem.messages.length > 0 ? 'xs' : 0}>
                    {form.problem.placed === 1 ? 'One field below needs' : `${form.problem.placed} fields below need`}{' '}
                    attention; each says why.
                  </Text>
                )}
              </Alert>
            )}
          </div>
        )}
        {form.notes.length > 0 && <Notes notes={form.notes} title="Saved. What the server understood" />}

        <SettingsSection
          id="general"
          title="LDAP sign-in"
          description="Presets fill in login attributes, user filter, stable id and mapping; everything stays editable."
        >
          <Group gap="xs" role="group" aria-label="Presets">
            {presets.data?.map((preset) => (
              <Button
                key={preset.name}
                variant="default"
                onClick={() => {
                  update((v) => applyPreset(v, preset));
                  setPresetApplied(preset.label);
                }}
              >
                {preset.label}
              </Button>
            ))}
            {presets.isError && (
              <Text size="sm" c="red">
                The presets could not be loaded ({presets.error.message}); the fields below can still be filled in by
                hand.
              </Text>
            )}
          </Group>
          <Text size="sm" role="status">
            {presetApplied ? `${presetApplied} preset filled in below: review the values, then save.` : ''}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Switch
              label="LDAP sign-in enabled"
              checked={values.enabled}
              onChange={(e) => {
                const enabled = e.currentTarget.checked;
                update((v) => ({ ...v, enabled }));
              }}
              error={error('enabled')}
            />
            <Switch
              label="Fall back to local passwords"
              description="When the directory says no or cannot be reached (not for accounts it disabled)"
              checked={values.fallbackToLocal}
              onChange={(e) => {
                const fallbackToLocal = e.currentTarget.checked;
                update((v) => ({ ...v, fallbackToLocal }));
              }}
              error={error('fallbackToLocal')}
            />
          </SimpleGrid>
        </SettingsSection>

        <ConnectionSection {...sections} />
        <ServiceAccountSection {...sections} />
        <ScopesSection {...sections} attributeNames={attributeNames} />

        <SettingsSection
          id="test"
          title="Test connection"
          description="Runs on the values on screen, saved or not: resolve, connect, TLS, bind, search."
        >
          <Group>
            <Button variant="default" onClick={form.runTest} loading={form.test.isPending}>
              Test connection
            </Button>
          </Group>
          <div aria-live="polite">
            <TestReport pending={form.test.isPending} report={form.test.data} />
          </div>
        </SettingsSection>

        <MappingSection
          {...sections}
          report={form.attributes.data}
          fetchError={form.attributes.error}
          fetching={form.attributes.isPending}
          onFetch={form.fetchAttributes}
        />
        <SyncSection
          {...sections}
          nextRuns={nextRunsOf(view)}
          scheduleEdited={values.sync.schedule !== form.base.sync.schedule}
        />
        <SsoSection {...sections} />
      </Stack>

      <Paper withBorder shadow="sm" p="sm" mt="md" pos="sticky" bottom={8} style={{ zIndex: 5 }}>
        <Group justify="space-between" gap="xs">
          <Text size="sm" aria-live="polite">
            {form.dirty ? 'You have unsaved changes.' : view.updatedAt ? 'All changes saved.' : 'Not saved yet.'}
          </Text>
          <Group gap="xs">
            <Button variant="default" onClick={form.discard} disabled={!form.dirty || form.saving}>
              Discard changes
            </Button>
            <Button onClick={form.requestSave} loading={form.saving} disabled={!form.dirty}>
              Save settings
            </Button>
          </Group>
        </Group>
      </Paper>
    </Box>
  );
}
