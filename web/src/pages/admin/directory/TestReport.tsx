import { Alert, Group, List, Loader, Stack, Text, ThemeIcon } from '@mantine/core';
import { useReducedMotion } from '@mantine/hooks';
import { useEffect, useState } from 'react';

import type { StepName, TestReport as Report } from './api';
import { hostPort } from '../../../components/serverAddress';

const STEPS: { name: StepName; label: string }[] = [
  { name: 'resolve', label: 'Resolve' },
  { name: 'connect', label: 'Connect' },
  { name: 'tls', label: 'TLS' },
  { name: 'bind', label: 'Bind' },
  { name: 'search', label: 'Search' },
];

const REVEAL_MS = 180;

type Step = Report['steps'][number];
type Server = Report['servers'][number];

const SOURCE_WORDS: Record<Server['source'], string> = {
  host: 'host',
  backup: 'backup server',
  'dns-srv': 'from DNS SRV',
};

/**
 * The connection test: the SRV lookup (when an SRV domain is set), then one block of steps per
 * server. The API answers once with every step; they are revealed one after the other, in the
 * order they ran (every server at once, as they were tested), so the admin reads them as they happened.
 */
export function TestReport({ pending, report }: { pending: boolean; report?: Report }) {
  const reduceMotion = useReducedMotion();
  const [shown, setShown] = useState(0);
  const blocks = report ? serverBlocks(report) : [];
  const total = Math.max(0, ...blocks.map((b) => b.steps.length));

  useEffect(() => {
    setShown(reduceMotion ? total : 0);
    if (reduceMotion || total === 0) return;
    let count = 0;
    const timer = setInterval(() => {
      count += 1;
      setShown(count);
      if (count >= total) clearInterval(timer);
    }, REVEAL_MS);
    return () => clearInterval(timer);
  }, [report, total, reduceMotion]);

  if (pending) {
    return (
      <Group gap="xs" role="status">
        <Loader size="sm" aria-hidden />
        <Text size="sm">Testing the connection: resolve, connect, TLS, bind, search…</Text>
      </Group>
    );
  }
  if (!report) return null;
  const done = shown >= total;
  const several = blocks.length > 1;
  return (
    <Stack gap="sm">
      {report.srv && <SrvLine srv={report.srv} />}
      {blocks.map((block) => (
        <Stack gap={4} key={block.title}>
          {several && (
            <Text fw={600} size="sm">
              {block.title}: {block.ok ? 'OK' : 'failed'}
            </Text>
          )}
          <StepList steps={block.steps} shown={shown} done={done} label={block.label} />
        </Stack>
      ))}
      {done && <Summary report={report} several={several} />}
      {done && report.notes.length > 0 && <Notes notes={report.notes} />}
    </Stack>
  );
}

/** One block per server; a report without servers (none to test) shows its top-level steps. */
function serverBlocks(report: Report): { title: string; label: string; ok: boolean; steps: Step[] }[] {
  if (report.servers.length === 0)
    return [{ title: 'no server', label: 'Connection test steps', ok: report.ok, steps: report.steps }];
  return report.servers.map((server) => {
    const title = `${hostPort(server.host, server.port)} (${SOURCE_WORDS[server.source]})`;
    return { title, label: `Connection test steps, ${title}`, ok: server.ok, steps: server.steps };
  });
}

function StepList({ steps, shown, done, label }: { steps: Step[]; shown: number; done: boolean; label: string }) {
  return (
    <List spacing="sm" listStyleType="none" role="list" aria-label={label} aria-busy={!done}>
      {STEPS.map(({ name, label: stepLabel }) => {
        const index = steps.findIndex((s) => s.step === name);
        const step = steps[index];
        if (index < 0 || index >= shown) return null;
        return (
          <List.Item key={name} role="listitem" icon={<StepIcon ok={step.ok} />}>
            <Text fw={600} size="sm">
              {stepLabel}: {step.ok ? 'OK' : 'failed'} ({step.ms} ms)
            </Text>
            <Text size="sm">{step.message}</Text>
            {step.hint && (
              <Text size="sm" c="red.9">
                What to check: {step.hint}
              </Text>
            )}
            {step.warnings?.map((w) => (
              <Text size="sm" c="orange.9" key={w}>
                Warning: {w}
              </Text>
            ))}
          </List.Item>
        );
      })}
      {done &&
        STEPS.filter(({ name }) => !steps.some((s) => s.step === name)).map(({ name, label: stepLabel }) => (
          <List.Item key={name} role="listitem" icon={<StepIcon ok={null} />}>
            <Text size="sm" c="dimmed">
              {stepLabel}: not run
            </Text>
          </List.Item>
        ))}
    </List>
  );
}

/** The SRV lookup on its own line: the name asked and the servers found, or why it failed. */
function SrvLine({ srv }: { srv: NonNullable<Report['srv']> }) {
  return (
    <Group gap="xs" align="flex-start" wrap="nowrap">
      <StepIcon ok={srv.ok} />
      <div>
        <Text fw={600} size="sm">
          DNS SRV ({srv.domain}): {srv.ok ? `${srv.records.length} found` : 'failed'}
        </Text>
        <Text size="sm" c={srv.ok ? undefined : 'red.9'}>
          {srv.message}
          {srv.records.length > 0 && `: ${srv.records.map((r) => hostPort(r.host, r.port)).join(', ')}`}
        </Text>
      </div>
    </Group>
  );
}

function Summary({ report, several }: { report: Report; several: boolean }) {
  const failed = report.steps.find((s) => !s.ok);
  const chosen = report.servers.find((s) => s.reachable);
  const type = report.serverType ? ` (${report.serverType} server)` : '';
  const text = !several
    ? failed
      ? `The test stopped at ${failed.step}.`
      : `All steps passed${type}.`
    : report.ok
      ? `The first reachable server, ${chosen ? hostPort(chosen.host, chosen.port) : ''}, passed every step${type}.`
      : chosen
        ? `The first reachable server, ${hostPort(chosen.host, chosen.port)}, stopped at ${failed?.step}.`
        : 'No server could be reached.';
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600} role="status">
        {text}
      </Text>
      {several &&
        report.warnings.map((w) => (
          <Text size="sm" c="orange.9" key={w}>
            Warning: {w}
          </Text>
        ))}
    </Stack>
  );
}

const ICON_PATHS = { ok: 'M5 12l5 5L20 7', failed: 'M6 6l12 12M18 6L6 18', notRun: 'M6 12h12' };

/** The step's state as a shape too (tick, cross, dash), beside the words; an SVG adds no text to the item. */
function StepIcon({ ok }: { ok: boolean | null }) {
  return (
    <ThemeIcon size={22} radius="xl" color={ok === null ? 'gray.6' : ok ? 'green.8' : 'red.8'} aria-hidden>
      <svg
        width={14}
        height={14}
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeWidth={3}
        strokeLinecap="round"
        strokeLinejoin="round"
      >
        <path d={ok === null ? ICON_PATHS.notRun : ok ? ICON_PATHS.ok : ICON_PATHS.failed} />
      </svg>
    </ThemeIcon>
  );
}

/** What the server understood of the settings sent (e.g. a URL in Host). */
export function Notes({ notes, title = 'Notes from the server' }: { notes: string[]; title?: string }) {
  return (
    <Alert color="blue" title={title} variant="light">
      <List size="sm" spacing={2}>
        {notes.map((note) => (
          <List.Item key={note}>{note}</List.Item>
        ))}
      </List>
    </Alert>
  );
}
