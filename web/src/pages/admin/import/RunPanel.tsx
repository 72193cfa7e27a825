import { Anchor, Button, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';

import { Notice } from '../../../components/Notice';
import { RunStatusBadge } from '../../../components/RunStatusBadge';
import type { SyncRunView } from './import-api';
import { PlanSamples } from './PlanSamples';
import { RunCounters } from './RunCounters';
import { RunProgress } from './RunProgress';
import { directoryUsers, formatTime, heldForConfirmation, modeLabel } from './run-format';

interface RunPanelProps {
  run: SyncRunView;
  /** The admin chose "Leave them" for this run. */
  left: boolean;
  /** 409: this run was already going when the admin asked for another. */
  alreadyRunning: boolean;
  onReviewDisable: () => void;
}

/** The run being watched: live progress, then its counters, its plan or changes, and what stopped it. */
export function RunPanel({ run, left, alreadyRunning, onReviewDisable }: RunPanelProps) {
  const dryRun = run.mode === 'dry-run';
  const finished = run.status !== 'running';
  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="md">
        <Group justify="space-between" gap="xs">
          <Title order={2} size="h3">
            {dryRun ? 'Dry run: the plan' : `${modeLabel(run.mode)} run`}
          </Title>
          <RunStatusBadge status={run.status} />
        </Group>
        <Text size="sm" c="gray.7">
          Started {formatTime(run.startedAt)}
          {run.startedBy ? ` by ${run.startedBy}` : ''}.{' '}
          <Anchor component={Link} to={`/admin/logs?runId=${encodeURIComponent(run.id)}`} underline="always">
            Log lines of this run
          </Anchor>
        </Text>
        {alreadyRunning && (
          <Notice color="blue" role="status">
            An import was already running, so no new one was started: this is the running one.
          </Notice>
        )}
        <RunProgress run={run} />
        {run.status === 'failed' && (
          <Notice color="red" role="alert" title="The run failed">
            {run.error ?? 'The run stopped with an error; the log lines say why.'}
          </Notice>
        )}
        {heldForConfirmation(run) > 0 && <ConfirmationNotice run={run} left={left} onReview={onReviewDisable} />}
        {run.warnings.length > 0 && (
          <Notice color="yellow" title="Warnings">
            <List size="sm">
              {run.warnings.map((warning) => (
                <List.Item key={warning}>{warning}</List.Item>
              ))}
            </List>
          </Notice>
        )}
        {finished && (
          <>
            <Title order={3} size="h4">
              {dryRun ? 'What an import would change' : 'What the run changed'}
            </Title>
            <RunCounters counters={run.counters} planned={dryRun} />
            <PlanSamples sample={run.sample} counters={run.counters} planned={dryRun} />
          </>
        )}
      </Stack>
    </Paper>
  );
}

/** Users held at the brake: how many, and the way to the confirmation (also after a failed run). */
function ConfirmationNotice({ run, left, onReview }: { run: SyncRunView; left: boolean; onReview: () => void }) {
  const held = directoryUsers(heldForConfirmation(run));
  const before = run.status === 'failed' ? 'Before it failed, the run found' : 'The run found';
  return (
    <Notice color="orange" role="status" title={left ? 'Nobody was disabled' : 'Waiting for your confirmation'}>
      <Stack gap="xs">
        <Text size="sm">
          {left
            ? `You chose to leave them: the ${held} stay active. A later run will ask again.`
            : `${before} ${held} to disable (no longer found in the directory, or disabled, locked or expired there), more than the sync settings allow without confirmation. Nobody has been disabled.`}
        </Text>
        <Button variant="default" w="fit-content" onClick={onReview}>
          Review users to disable
        </Button>
      </Stack>
    </Notice>
  );
}
