import { Badge } from '@mantine/core';

const RUN_STATUS: Record<string, { label: string; color: string }> = {
  running: { label: 'Running', color: 'blue' },
  succeeded: { label: 'Succeeded', color: 'green' },
  failed: { label: 'Failed', color: 'red' },
  needs_confirmation: { label: 'Needs confirmation', color: 'orange' },
};

/** A sync run's status as words on a badge (the colour only repeats what the words say). */
export function RunStatusBadge({ status }: { status: string }) {
  const known = RUN_STATUS[status] ?? { label: status, color: 'gray' };
  return (
    <Badge color={known.color} variant="dot" radius="sm" style={{ minWidth: 'max-content' }}>
      {known.label}
    </Badge>
  );
}
