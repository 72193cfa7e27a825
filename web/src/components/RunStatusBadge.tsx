import { Badge } from '@mantine/core';

const RUN_STATUS: Record<string, { label: string; color: string }> = {
  running: { label: 'Running', color: 'blue' },
  succeeded: { label: 'Succeeded', color: 'green' },
  failed: { label: 'Failed', color: 'red' },
  needs_confirmation: { label: 'Needs confirmation', color: 'orange' },
};

/**
 * A sync run's status as words on a badge (the colour only repeats what the words say). `wrap`: the
 * words may take two lines (a narrow table column) instead of the badge growing past its cell.
 */
export function RunStatusBadge({ status, wrap = false }: { status: string; wrap?: boolean }) {
  const known = RUN_STATUS[status] ?? { label: status, color: 'gray' };
  return (
    <Badge
      color={known.color}
      variant="dot"
      radius="sm"
      h={wrap ? 'auto' : undefined}
      py={wrap ? 2 : undefined}
      style={wrap ? undefined : { minWidth: 'max-content' }}
      styles={wrap ? { label: { whiteSpace: 'normal', overflow: 'visible' } } : undefined}
    >
      {known.label}
    </Badge>
  );
}
