import { Alert, Button, Group, List, Modal, Stack, Text } from '@mantine/core';

import type { TargetChange } from './form';

interface Props {
  changes: TargetChange[] | null;
  enabled: boolean;
  passwordReentered: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/** A save that moves the connection elsewhere (or binds as someone else) is confirmed first, with what changes. */
export function ConfirmTargetChange({ changes, enabled, passwordReentered, onConfirm, onCancel }: Props) {
  return (
    <Modal opened={changes !== null} onClose={onCancel} title="Change the directory connection?" centered size="lg">
      <Stack gap="sm">
        <Text size="sm">This save changes where the app connects, or as whom it binds:</Text>
        <List size="sm" spacing={4}>
          {changes?.map((c) => (
            <List.Item key={c.label}>
              <strong>{c.label}</strong>: {c.from} → {c.to}
            </List.Item>
          ))}
        </List>
        {enabled && (
          <Alert color="orange" variant="light" title="LDAP sign-in is on">
            Sign-ins and syncs use the new connection as soon as you save. Run Test connection first if you have not.
          </Alert>
        )}
        {!passwordReentered && (
          <Text size="sm">
            The stored bind password is never sent to a new target: the server refuses this save unless the bind
            password is entered again.
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel} data-autofocus>
            Cancel
          </Button>
          <Button onClick={onConfirm}>Confirm and save</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
