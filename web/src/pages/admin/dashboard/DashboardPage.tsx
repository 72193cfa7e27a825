import { Anchor, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { type ReactNode, useId } from 'react';
import { Link } from 'react-router';

import { ContrastBadge } from '../../../components/ContrastBadge';
import { DateTimeText } from '../../../components/DateTimeText';
import { LoadError } from '../../../components/LoadError';
import { Loading } from '../../../components/Loading';
import { RunStatusBadge } from '../../../components/RunStatusBadge';
import { hostPort } from '../../../components/serverAddress';
import { formatDuration, modeLabel } from '../import/run-format';
import { RunsChart, SignInsChart } from './DashboardCharts';
import { type DashboardView, useDashboard } from './dashboardApi';

/** The admin's first screen: is the directory there, how did the last sync go, who signed in, how fast runs are. */
export default function DashboardPage() {
  const dashboard = useDashboard();
  return (
    <Stack gap="lg">
      <Title order={1}>Dashboard</Title>
      {dashboard.isPending ? (
        <Loading label="Loading the dashboard" />
      ) : dashboard.isError ? (
        <LoadError error={dashboard.error} onRetry={() => dashboard.refetch()} />
      ) : (
        <>
          <SimpleGrid cols={{ base: 1, md: 3 }}>
            <Section title="Directory">
              <DirectoryStatus directory={dashboard.data.directory} />
            </Section>
            <Section title="Last sync">
              <LastSync sync={dashboard.data.sync} />
            </Section>
            <Section title="Users">
              <UserCounts users={dashboard.data.users} />
            </Section>
          </SimpleGrid>
          <Section title="Sign-ins in the last 24 hours">
            <SignInsChart hours={dashboard.data.signIns.hours} />
          </Section>
          <Section title="Recent runs">
            <RunsChart runs={dashboard.data.runs} />
          </Section>
        </>
      )}
    </Stack>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <Card withBorder component="section" aria-labelledby={id}>
      <Stack gap="sm">
        <Title order={2} size="h4" id={id}>
          {title}
        </Title>
        {children}
      </Stack>
    </Card>
  );
}

// Link names here avoid the navigation's words ("Directory settings", "Import", "Users"), so
// each of those names one link on this page.
function DirectoryStatus({ directory }: { directory: DashboardView['directory'] }) {
  const test = directory.lastTest;
  return (
    <>
      <Text size="sm">
        {directory.enabled ? 'LDAP sign-in is on' : 'LDAP sign-in is off'} · {serversText(directory)}
      </Text>
      {!test ? (
        <Text>No connection test yet.</Text>
      ) : (
        <>
          <Group gap="xs">
            <ContrastBadge color={test.ok ? 'teal' : 'red'}>{test.ok ? 'Reachable' : 'Not reachable'}</ContrastBadge>
            <Text size="sm">
              tested <DateTimeText value={test.at} />
            </Text>
          </Group>
          <Text size="sm">
            {test.ok
              ? 'Every step passed.'
              : `Failed at the ${test.failedStep ?? 'unknown'} step${test.message ? `: ${test.message}` : '.'}`}
          </Text>
        </>
      )}
      <Anchor component={Link} to="/admin/directory" size="sm">
        Test the connection
      </Anchor>
    </>
  );
}

/** "dc1.example.com:636 + 2 backup servers", or where the servers come from when no host is set. */
function serversText(directory: DashboardView['directory']): string {
  const count = directory.backupServers;
  const backups = count === 0 ? null : `${count} backup ${count === 1 ? 'server' : 'servers'}`;
  const main =
    directory.host !== null && directory.port !== null
      ? hostPort(directory.host, directory.port)
      : directory.srvDomain
        ? `the DNS SRV records of ${directory.srvDomain}`
        : null;
  if (main === null) return backups ?? 'no server set';
  return backups === null ? main : `${main} + ${backups}`;
}

function LastSync({ sync }: { sync: DashboardView['sync'] }) {
  const run = sync.lastRun;
  return (
    <>
      {!run ? (
        <Text>No sync has run yet.</Text>
      ) : (
        <>
          <Group gap="xs">
            <RunStatusBadge status={run.status} />
            <Text size="sm">
              {run.mode === 'dry-run' ? 'Dry run' : `${modeLabel(run.mode)} run`}, started{' '}
              <DateTimeText value={run.startedAt} /> ({formatDuration(run.durationMs)})
            </Text>
          </Group>
          {run.error && (
            <Text size="sm" c="red.8">
              {run.error}
            </Text>
          )}
          <Counts
            items={[
              ['Seen', run.counters.seen],
              ['Created', run.counters.created],
              ['Updated', run.counters.updated],
              ['Disabled', run.counters.disabled],
              ['Skipped', run.counters.skipped],
              ['Failed', run.counters.failed],
            ]}
          />
          <Anchor component={Link} to={`/admin/logs?runId=${encodeURIComponent(run.id)}`} size="sm">
            Log lines of this run
          </Anchor>
        </>
      )}
      <Text size="sm">
        {sync.enabled && sync.schedule ? (
          <>
            Scheduled ({sync.schedule}); next run <DateTimeText value={sync.nextRunAt} fallback="not planned" />.
          </>
        ) : (
          'No scheduled sync.'
        )}{' '}
        <Anchor component={Link} to="/admin/import">
          See runs and the schedule
        </Anchor>
      </Text>
    </>
  );
}

function UserCounts({ users }: { users: DashboardView['users'] }) {
  return (
    <>
      <Text>
        <Text span fw={700} size="xl">
          {users.total}
        </Text>{' '}
        {users.total === 1 ? 'user' : 'users'}
      </Text>
      <Counts
        items={[
          ['Directory (LDAP)', users.bySource.ldap],
          ['Single sign-on', users.bySource.sso],
          ['Local', users.bySource.local],
          ['Active', users.byStatus.active],
          ['Disabled', users.byStatus.disabled],
          ['Disabled in the directory', users.disabledBy.directory],
          ['Disabled by import', users.disabledBy.sync],
          ['Disabled by an admin', users.disabledBy.admin],
        ]}
      />
      <Anchor component={Link} to="/admin/users" size="sm">
        Open the user list
      </Anchor>
    </>
  );
}

/** Label/number pairs as a description list. */
function Counts({ items }: { items: [string, number][] }) {
  return (
    <SimpleGrid component="dl" cols={3} spacing="xs" verticalSpacing={4} m={0}>
      {items.map(([label, value]) => (
        <div key={label}>
          <Text component="dt" size="xs" c="gray.7">
            {label}
          </Text>
          <Text component="dd" m={0} fw={600}>
            {value}
          </Text>
        </div>
      ))}
    </SimpleGrid>
  );
}
