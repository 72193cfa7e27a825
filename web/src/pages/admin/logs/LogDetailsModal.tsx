import { Anchor, Code, Modal, SimpleGrid, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

import { DateTimeText } from '../../../components/DateTimeText';
import { LevelBadge } from './LogsTable';
import type { LogLine } from './logsApi';

interface LogDetailsModalProps {
  line: LogLine | null;
  onClose: () => void;
  /** Narrows the log to the line's run. */
  onShowRun: (runId: string) => void;
}

/** One log line in full: who, which run, and its details as pretty-printed JSON. */
export function LogDetailsModal({ line, onClose, onShowRun }: LogDetailsModalProps) {
  return (
    <Modal
      opened={line !== null}
      onClose={onClose}
      title={line ? `Log line: ${line.event}` : ''}
      size="lg"
      centered
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      {line && (
        <Stack gap="sm">
          <SimpleGrid component="dl" cols={{ base: 1, xs: 2 }} spacing="xs" verticalSpacing="xs" m={0}>
            <Item label="Time">
              <DateTimeText value={line.createdAt} />
            </Item>
            <Item label="Level">
              <LevelBadge level={line.level} />
            </Item>
            <Item label="Event">
              <Text ff="monospace" size="sm">
                {line.event}
              </Text>
            </Item>
            <Item label="Actor">{line.actor ?? 'none (the system)'}</Item>
            <Item label="Run">
              {line.runId ? (
                <Stack gap={2}>
                  <Text ff="monospace" size="xs" style={{ wordBreak: 'break-all' }}>
                    {line.runId}
                  </Text>
                  <Anchor component="button" type="button" size="sm" ta="left" onClick={() => onShowRun(line.runId!)}>
                    Show only this run's lines
                  </Anchor>
                </Stack>
              ) : (
                'not part of a run'
              )}
            </Item>
          </SimpleGrid>
          <div>
            <Text size="xs" c="gray.7">
              Message
            </Text>
            <Text size="sm">{line.message}</Text>
          </div>
          <div>
            <Text size="xs" c="gray.7" id={`details-${line.id}`}>
              Details
            </Text>
            {line.details === null || line.details === undefined ? (
              <Text size="sm">No details.</Text>
            ) : (
              // Focusable so a keyboard can scroll long details.
              <Code block tabIndex={0} aria-labelledby={`details-${line.id}`} mah={320} style={{ overflow: 'auto' }}>
                {JSON.stringify(line.details, null, 2)}
              </Code>
            )}
          </div>
        </Stack>
      )}
    </Modal>
  );
}

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text component="dt" size="xs" c="gray.7">
        {label}
      </Text>
      <Text component="dd" m={0} size="sm">
        {children}
      </Text>
    </div>
  );
}
