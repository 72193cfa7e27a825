import { Grid, Paper, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';

import { LoadError } from '../../../components/LoadError';
import { Loading } from '../../../components/Loading';
import { ConfirmDisableModal } from './ConfirmDisableModal';
import { RUNS_KEY, type Started, type StartOptions, useRun, useRuns, useStartImport } from './import-api';
import { RunControls } from './RunControls';
import { RunHistory } from './RunHistory';
import { RunPanel } from './RunPanel';
import { ScheduleCard } from './ScheduleCard';

/**
 * Import from the directory: a dry run's plan, a run's live progress and counters, the confirmation
 * a run asks for before disabling many users, the schedule and the history. The run on show is in
 * the address (?run=<id>), else the one running now.
 */
export default function ImportPage() {
  const client = useQueryClient();
  const [params, setParams] = useSearchParams();
  const start = useStartImport();
  const force = useStartImport();
  const latest = useRuns(1, 10);
  const runId = params.get('run') ?? latest.data?.items.find((r) => r.status === 'running')?.id ?? null;
  const run = useRun(runId);
  const [startedHere, setStartedHere] = useState<Record<string, 'started' | 'already-running'>>({});
  const [left, setLeft] = useState<Set<string>>(() => new Set());
  const [dialogFor, setDialogFor] = useState<string | null>(null);
  const autoOpened = useRef(new Set<string>());

  const shown = run.data && run.data.id === runId ? run.data : undefined;
  const status = shown?.status;

  // A run that ends refreshes the history; one started here that stops for confirmation asks at once.
  useEffect(() => {
    if (!shown || status === 'running') return;
    client.invalidateQueries({ queryKey: RUNS_KEY });
    if (status === 'needs_confirmation' && shown.id in startedHere && !autoOpened.current.has(shown.id)) {
      autoOpened.current.add(shown.id);
      setDialogFor(shown.id);
    }
  }, [shown?.id, status]); // eslint-disable-line react-hooks/exhaustive-deps

  function show(started: Started) {
    setStartedHere((s) => ({ ...s, [started.runId]: started.alreadyRunning ? 'already-running' : 'started' }));
    setParams({ run: started.runId });
  }

  function onStart(options: StartOptions) {
    start.mutate(options, { onSuccess: show });
  }

  function onDisable() {
    force.mutate(
      { dryRun: false, full: true, force: true },
      { onSuccess: (started) => (setDialogFor(null), show(started)) },
    );
  }

  function onLeave() {
    if (dialogFor) setLeft((s) => new Set(s).add(dialogFor));
    setDialogFor(null);
    force.reset();
  }

  const busy = start.isPending ? (start.variables?.dryRun ? 'dry-run' : 'run') : null;
  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>Import</Title>
        <Text c="gray.7" size="sm">
          Bring directory users in ahead of their first sign-in, keep their profiles and mailboxes up to date, and
          disable those who left.
        </Text>
      </div>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Paper withBorder p="md" radius="md" h="100%">
            <RunControls
              busy={busy}
              running={status === 'running'}
              error={start.error?.message ?? null}
              onStart={onStart}
            />
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <ScheduleCard />
        </Grid.Col>
      </Grid>
      {runId && run.isPending && <Loading label="Loading the run" />}
      {runId && run.isError && <LoadError error={run.error} onRetry={() => run.refetch()} />}
      {shown && (
        <RunPanel
          run={shown}
          left={left.has(shown.id)}
          alreadyRunning={startedHere[shown.id] === 'already-running' && shown.status === 'running'}
          onReviewDisable={() => setDialogFor(shown.id)}
        />
      )}
      <RunHistory onShow={(id) => setParams({ run: id })} />
      <ConfirmDisableModal
        run={shown && shown.id === dialogFor ? shown : null}
        opened={dialogFor !== null && shown?.id === dialogFor}
        busy={force.isPending}
        error={force.error?.message ?? null}
        onDisable={onDisable}
        onLeave={onLeave}
      />
    </Stack>
  );
}
