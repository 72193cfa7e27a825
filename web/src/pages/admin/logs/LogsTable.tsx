import { Button, Table, Text } from '@mantine/core';

import { ContrastBadge } from '../../../components/ContrastBadge';
import { DateTimeText } from '../../../components/DateTimeText';
import type { LogLevel, LogLine } from './logsApi';

export const LEVEL_BADGES: Record<LogLevel, { label: string; color: string }> = {
  debug: { label: 'debug', color: 'gray' },
  info: { label: 'info', color: 'blue' },
  warn: { label: 'warning', color: 'yellow' },
  error: { label: 'error', color: 'red' },
};

export function LevelBadge({ level }: { level: LogLevel }) {
  const badge = LEVEL_BADGES[level] ?? { label: level, color: 'gray' };
  return (
    <ContrastBadge color={badge.color} size="sm">
      {badge.label}
    </ContrastBadge>
  );
}

/** Log lines, newest first; a click on a line (or its Details button) opens the line. */
export function LogsTable({ lines, onOpen }: { lines: LogLine[]; onOpen: (line: LogLine) => void }) {
  return (
    <Table.ScrollContainer type="native" minWidth={900} tabIndex={0} role="region" aria-label="LDAP log lines">
      <Table striped highlightOnHover withTableBorder aria-label="LDAP log lines" verticalSpacing={6} layout="fixed">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" w={180}>
              Time
            </Table.Th>
            <Table.Th scope="col" w={90}>
              Level
            </Table.Th>
            <Table.Th scope="col" w={180}>
              Event
            </Table.Th>
            <Table.Th scope="col">Message</Table.Th>
            <Table.Th scope="col" w={200}>
              Actor
            </Table.Th>
            <Table.Th scope="col" w={90}>
              Details
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {lines.map((line) => (
            <Table.Tr key={line.id} onClick={() => onOpen(line)} style={{ cursor: 'pointer' }}>
              <Table.Td>
                <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                  <DateTimeText value={line.createdAt} />
                </Text>
              </Table.Td>
              <Table.Td>
                <LevelBadge level={line.level} />
              </Table.Td>
              <Table.Td>
                <Text size="sm" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                  {line.event}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" lineClamp={2}>
                  {line.message}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" style={{ overflowWrap: 'break-word' }}>
                  {line.actor ?? '—'}
                </Text>
              </Table.Td>
              <Table.Td>
                <Button
                  size="compact-xs"
                  variant="subtle"
                  aria-label={`Details of line ${line.id}: ${line.event}`}
                  onClick={(e) => {
                    e.stopPropagation();
                    onOpen(line);
                  }}
                >
                  Details
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
