import { ActionIcon, Button, Group, NumberInput, Paper, Stack, Text, TextInput } from '@mantine/core';

import { type ServerRow, serverRow } from './form';
import type { SectionProps } from './section';

/**
 * The backup servers: an ordered list (tried in this order after Host), each row with its own
 * errors from the server (`backupServers.N.host`), movable up and down.
 */
export function BackupServers({ values, update, error }: SectionProps) {
  const rows = values.backupServers;
  const setRows = (change: (rows: ServerRow[]) => ServerRow[]) =>
    update((v) => ({ ...v, backupServers: change(v.backupServers) }));
  const setRow = (key: number, change: Partial<ServerRow>) =>
    setRows((list) => list.map((row) => (row.key === key ? { ...row, ...change } : row)));
  const move = (index: number, by: -1 | 1) =>
    setRows((list) => {
      const next = [...list];
      [next[index], next[index + by]] = [next[index + by], next[index]];
      return next;
    });

  return (
    <Stack gap="xs">
      <div>
        <Text fw={600} size="sm" id="backup-servers-label">
          Backup servers
        </Text>
        <Text size="xs" c="dimmed">
          Replicas or other domain controllers, tried in this order when the ones before are down. They share the
          encryption, CA certificate and service account above; an empty port takes the encryption&apos;s default.
        </Text>
      </div>
      {rows.length > 0 && (
        <Stack gap="xs" role="list" aria-labelledby="backup-servers-label">
          {rows.map((row, index) => {
            const n = index + 1;
            return (
              <Paper key={row.key} withBorder p="xs" role="listitem">
                <Group align="flex-start" gap="xs" wrap="nowrap">
                  <TextInput
                    style={{ flex: 1 }}
                    label="Host"
                    aria-label={`Backup server ${n} host`}
                    placeholder="e.g. dc2.example.com"
                    value={row.host}
                    onChange={(e) => setRow(row.key, { host: e.currentTarget.value })}
                    error={error(`backupServers.${index}.host`) ?? error(`backupServers.${index}`)}
                    autoComplete="off"
                    spellCheck={false}
                  />
                  <NumberInput
                    w={120}
                    label="Port"
                    aria-label={`Backup server ${n} port`}
                    placeholder="default"
                    value={row.port}
                    onChange={(port) => setRow(row.key, { port })}
                    error={error(`backupServers.${index}.port`)}
                    min={1}
                    max={65535}
                    allowDecimal={false}
                  />
                  <Group gap={4} mt={25} wrap="nowrap">
                    <ActionIcon
                      variant="default"
                      size="lg"
                      aria-label={`Move backup server ${n} up`}
                      disabled={index === 0}
                      onClick={() => move(index, -1)}
                    >
                      <span aria-hidden>↑</span>
                    </ActionIcon>
                    <ActionIcon
                      variant="default"
                      size="lg"
                      aria-label={`Move backup server ${n} down`}
                      disabled={index === rows.length - 1}
                      onClick={() => move(index, 1)}
                    >
                      <span aria-hidden>↓</span>
                    </ActionIcon>
                    <ActionIcon
                      variant="default"
                      size="lg"
                      aria-label={`Remove backup server ${n}`}
                      onClick={() => setRows((list) => list.filter((r) => r.key !== row.key))}
                    >
                      <span aria-hidden>✕</span>
                    </ActionIcon>
                  </Group>
                </Group>
              </Paper>
            );
          })}
        </Stack>
      )}
      {error('backupServers') && (
        <Text size="sm" c="red.8" role="alert">
          {error('backupServers')}
        </Text>
      )}
      <Group>
        <Button
          variant="default"
          onClick={() => setRows((list) => [...list, serverRow()])}
          disabled={rows.length >= 10}
        >
          Add backup server
        </Button>
      </Group>
    </Stack>
  );
}
