import '@mantine/charts/styles.css';

import { BarChart, LineChart } from '@mantine/charts';
import { Text } from '@mantine/core';

import { DataFigure } from '../../../components/DataFigure';
import { DateTimeText, formatDateTime } from '../../../components/DateTimeText';
import type { RunPoint, SignInHour } from './dashboardApi';

// The only file that imports @mantine/charts (and so recharts): it loads with the dashboard's chunk.

const HOUR = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const SHORT = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

const SIGN_IN_SERIES = [
  { name: 'succeeded', label: 'Succeeded', color: 'teal.7' },
  { name: 'failed', label: 'Failed', color: 'red.7' },
  { name: 'blocked', label: 'Blocked (throttled)', color: 'orange.5' },
];

const sum = (hours: SignInHour[], key: 'succeeded' | 'failed' | 'blocked') =>
  hours.reduce((total, h) => total + h[key], 0);

/** Sign-ins per hour, stacked by outcome, with a legend and the numbers as a table. */
export function SignInsChart({ hours }: { hours: SignInHour[] }) {
  const data = hours.map((h) => ({ ...h, label: HOUR.format(new Date(h.hour)) }));
  const summary =
    `Stacked bar chart of sign-ins per hour over the last 24 hours: ${sum(hours, 'succeeded')} succeeded, ` +
    `${sum(hours, 'failed')} failed, ${sum(hours, 'blocked')} blocked.`;
  return (
    <DataFigure
      caption="Sign-ins per hour, by outcome (your local time)"
      summary={summary}
      chart={
        <BarChart
          h={260}
          data={data}
          dataKey="label"
          type="stacked"
          series={SIGN_IN_SERIES}
          withLegend
          legendProps={{ verticalAlign: 'bottom' }}
          accessibilityLayer={false}
          tickLine="y"
          yAxisLabel="Sign-ins"
          // sign-ins are counted: no 0.5 or 1.5 on the axis
          yAxisProps={{ allowDecimals: false }}
        />
      }
      columns={[
        { label: 'Hour starting', value: (h: SignInHour) => <DateTimeText value={h.hour} /> },
        { label: 'Succeeded', value: (h) => h.succeeded },
        { label: 'Failed', value: (h) => h.failed },
        { label: 'Blocked', value: (h) => h.blocked },
      ]}
      rows={hours}
      rowKey={(h) => h.hour}
    />
  );
}

/** Duration and throughput of the last runs, oldest on the left, on two axes. */
export function RunsChart({ runs }: { runs: RunPoint[] }) {
  if (runs.length === 0) return <Text>No runs yet. Start an import from the Import page.</Text>;
  const chronological = [...runs].sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  const data = chronological.map((r) => ({
    label: SHORT.format(new Date(r.startedAt)),
    durationS: Math.round(r.durationMs / 100) / 10,
    usersPerSecond: Math.round(r.usersPerSecond),
  }));
  const last = chronological[chronological.length - 1];
  const summary =
    `Line chart of the last ${runs.length} runs: duration in seconds and users per second. ` +
    `The latest, on ${formatDateTime(last.startedAt)}, took ${(last.durationMs / 1000).toFixed(1)} s at ${Math.round(last.usersPerSecond)} users/s.`;
  return (
    <DataFigure
      caption="Run duration (seconds, solid line, left axis) and users per second (dashed line, right axis)"
      summary={summary}
      chart={
        <LineChart
          h={260}
          data={data}
          dataKey="label"
          withRightYAxis
          curveType="linear"
          yAxisLabel="Seconds"
          rightYAxisLabel="Users/s"
          series={[
            { name: 'durationS', label: 'Duration (s)', color: 'blue.7' },
            { name: 'usersPerSecond', label: 'Users/s', color: 'grape.7', yAxisId: 'right', strokeDasharray: '6 4' },
          ]}
          withLegend
          legendProps={{ verticalAlign: 'bottom' }}
          accessibilityLayer={false}
        />
      }
      columns={[
        { label: 'Started', value: (r: RunPoint) => <DateTimeText value={r.startedAt} /> },
        { label: 'Mode', value: (r) => r.mode },
        { label: 'Status', value: (r) => r.status },
        { label: 'Entries seen', value: (r) => r.seen },
        { label: 'Duration (s)', value: (r) => (r.durationMs / 1000).toFixed(1) },
        { label: 'Users/s', value: (r) => Math.round(r.usersPerSecond) },
      ]}
      rows={chronological}
      rowKey={(r) => r.id}
    />
  );
}
