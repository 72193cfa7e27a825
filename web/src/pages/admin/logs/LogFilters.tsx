import { Button, Group, NativeSelect, SimpleGrid, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useEffectEvent, useState } from 'react';

import { isoToLocalInput, localInputToIso } from './dateInput';
import { FILTER_KEYS, type FilterKey, fieldError, type LogFilters } from './logsApi';

const LEVELS = [
  { value: '', label: 'Any level' },
  { value: 'debug', label: 'Debug' },
  { value: 'info', label: 'Info' },
  { value: 'warn', label: 'Warning' },
  { value: 'error', label: 'Error' },
];

interface LogFiltersProps {
  filters: LogFilters;
  onChange: (change: Partial<LogFilters>) => void;
  /** The last failed load, for the server's message beside the field it names. */
  error: unknown;
}

/** Level, event, run, text and date range; text fields apply once typing pauses. */
export function LogFilterBar({ filters, onChange, error }: LogFiltersProps) {
  const active = FILTER_KEYS.some((key) => filters[key]);
  return (
    <form role="search" aria-label="Filter the log" onSubmit={(e) => e.preventDefault()}>
      {/* The date and time inputs need about 220 px to show a whole value: never six in a row. */}
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm" verticalSpacing="xs">
        <NativeSelect
          label="Level"
          data={LEVELS}
          value={filters.level}
          onChange={(e) => onChange({ level: e.currentTarget.value })}
          error={fieldError(error, 'level')}
        />
        <DebouncedInput
          name="event"
          label="Event"
          placeholder="login or login.failed"
          filters={filters}
          onChange={onChange}
          error={error}
        />
        <DebouncedInput
          name="runId"
          label="Run"
          placeholder="run id"
          filters={filters}
          onChange={onChange}
          error={error}
        />
        <DebouncedInput
          name="q"
          label="Text"
          placeholder="in message or actor"
          filters={filters}
          onChange={onChange}
          error={error}
        />
        <TextInput
          type="datetime-local"
          label="From"
          value={filters.from ? isoToLocalInput(filters.from) : ''}
          onChange={(e) => onChange({ from: localInputToIso(e.currentTarget.value) })}
          error={fieldError(error, 'from')}
        />
        <TextInput
          type="datetime-local"
          label="To"
          value={filters.to ? isoToLocalInput(filters.to) : ''}
          // The input is to the minute: "to 10:05" includes the lines written during 10:05.
          onChange={(e) => onChange({ to: endOfMinute(localInputToIso(e.currentTarget.value)) })}
          error={fieldError(error, 'to')}
        />
      </SimpleGrid>
      {active && (
        <Group mt="xs">
          <Button
            variant="subtle"
            size="compact-sm"
            onClick={() => onChange(Object.fromEntries(FILTER_KEYS.map((key) => [key, ''])))}
          >
            Clear filters
          </Button>
        </Group>
      )}
    </form>
  );
}

function endOfMinute(iso: string): string {
  return iso ? new Date(new Date(iso).getTime() + 59_999).toISOString() : '';
}

interface DebouncedInputProps {
  name: FilterKey;
  label: string;
  placeholder: string;
  filters: LogFilters;
  onChange: (change: Partial<LogFilters>) => void;
  error: unknown;
}

function DebouncedInput({ name, label, placeholder, filters, onChange, error }: DebouncedInputProps) {
  const fromAddress = filters[name];
  const [value, setValue] = useState(fromAddress);
  const [settled] = useDebouncedValue(value.trim(), 400);
  // The address can change under the field (a link, "Clear filters", a run id picked from a line).
  useEffect(() => setValue(fromAddress), [fromAddress]);
  // Only a settled value moves the address (and so the query); typing does not.
  const settle = useEffectEvent((text: string) => {
    if (text !== fromAddress) onChange({ [name]: text });
  });
  useEffect(() => settle(settled), [settled]);
  return (
    <TextInput
      label={label}
      placeholder={placeholder}
      value={value}
      onChange={(e) => setValue(e.currentTarget.value)}
      onKeyDown={(e) => e.key === 'Enter' && value.trim() !== fromAddress && onChange({ [name]: value.trim() })}
      error={fieldError(error, name)}
    />
  );
}
