import { Alert, Group, List, Loader, Stack, Text, ThemeIcon } from '@mantine/core';
import { useReducedMotion } from '@mantine/hooks';
import { useEffect, useState } from 'react';

import type { StepName, TestReport as Report } from './api';

const STEPS: { name: StepName; label: string }[] = [
  { name: 'resolve', label: 'Resolve' },
  { name: 'connect', label: 'Connect' },
  { name: 'tls', label: 'TLS' },
  { name: 'bind', label: 'Bind' },
  { name: 'search', label: 'Search' },
];

const REVEAL_MS = 180;

/**
 * The connection test's steps. The API answers once with every step; they are revealed one after
 * the other, in the order they ran, so the admin reads them as they happened.
 */
export function TestReport({ pending, report }: { pending: boolean; report?: Report }) {
  const reduceMotion = useReducedMotion();
  const [shown, setShown] = useState(0);
  const total = report?.steps.length ?? 0;

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
  const failed = report.steps.find((s) => !s.ok);
  return (
    <Stack gap="sm">
      <List spacing="sm" listStyleType="none" role="list" aria-label="Connection test steps" aria-busy={!done}>
        {STEPS.map(({ name, label }) => {
          const index = report.steps.findIndex((s) => s.step === name);
          const step = report.steps[index];
          if (index < 0 || index >= shown) return null;
          return (
            <List.Item key={name} role="listitem" icon={<StepIcon ok={step.ok} />}>
              <Text fw={600} size="sm">
                {label}: {step.ok ? 'OK' : 'failed'} ({step.ms} ms)
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
          STEPS.filter(({ name }) => !report.steps.some((s) => s.step === name)).map(({ name, label }) => (
            <List.Item key={name} role="listitem" icon={<StepIcon ok={null} />}>
              <Text size="sm" c="dimmed">
                {label}: not run
              </Text>
            </List.Item>
          ))}
      </List>
      {done && (
        <Text size="sm" fw={600} role="status">
          {failed
            ? `The test stopped at ${failed.step}.`
            : `All steps passed${report.serverType ? ` (${report.serverType} server)` : ''}.`}
        </Text>
      )}
      {done && report.notes.length > 0 && <Notes notes={report.notes} />}
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
