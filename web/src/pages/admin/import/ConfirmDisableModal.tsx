import { Button, Group, Modal, Stack, Table, Text } from '@mantine/core';

import { Notice } from '../../../components/Notice';
import { ScrollableTable } from '../../../components/ScrollableTable';
import type { SyncRunView } from './import-api';
import { directoryUsers, disablePercent, formatNumber } from './run-format';

interface ConfirmDisableModalProps {
  run: SyncRunView | null;
  opened: boolean;
  busy: boolean;
  error: string | null;
  onDisable: () => void;
  onLeave: () => void;
}

/**
 * The breaker: a run would disable too many directory users (gone from the directory, or disabled,
 * locked or expired there); a person decides, with the list and the numbers. The run either stopped
 * for it (needs_confirmation) or failed after tripping it (the users it held are listed all the same).
 */
export function ConfirmDisableModal({ run, opened, busy, error, onDisable, onLeave }: ConfirmDisableModalProps) {
  if (!run) return null;
  const percent = disablePercent(run);
  const total = run.pendingDisableTotal;
  const listed = run.pendingDisable.length;
  const failed = run.status === 'failed';
  return (
    <Modal opened={opened} onClose={onLeave} title="Confirm disabling users" size="xl" centered>
      <Stack>
        <Text>
          <strong>{directoryUsers(total)}</strong> would be disabled (no longer found in the directory, or disabled,
          locked or expired there): <strong>{percent.text}</strong> of the directory users
          {percent.estimated ? ' (estimated from the counters)' : ''}, more than the limit set in the sync settings.{' '}
          {failed
            ? 'The run then failed (see its error) and nobody has been disabled.'
            : 'The run stopped and nobody has been disabled.'}
        </Text>
        <Text size="sm">
          <strong>Disable them</strong> starts a full run that disables these users (and ends their sessions).{' '}
          {failed &&
            'If its directory search fails again, only the users disabled, locked or expired in the directory are disabled, not those it could not find. '}
          <strong>Leave them</strong> keeps everyone as they are.
        </Text>
        <ScrollableTable label="Users the run would disable" minWidth={520} maxHeight={320}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Email</Table.Th>
              <Table.Th>DN</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {run.pendingDisable.map((user) => (
              <Table.Tr key={user.id}>
                <Table.Td>{user.email}</Table.Td>
                <Table.Td style={{ wordBreak: 'break-all' }}>{user.dn ?? '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollableTable>
        {listed < total && (
          <Text size="xs" c="gray.7">
            The first {formatNumber(listed)} of {formatNumber(total)} are listed.
          </Text>
        )}
        {error && (
          <Notice color="red" role="alert">
            {error}
          </Notice>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onLeave} disabled={busy}>
            Leave them
          </Button>
          <Button color="red" onClick={onDisable} loading={busy}>
            Disable them
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
