import { Button, Group, Modal, Stack } from '@mantine/core';
import type { ReactNode } from 'react';

import { Notice } from './Notice';

interface ConfirmDialogProps {
  opened: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  /** Red for destructive actions. */
  danger?: boolean;
  busy?: boolean;
  /** What went wrong with the last attempt, in the server's words. */
  error?: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}

/** A modal that asks before a risky action; Escape and the cancel button leave everything as it was. */
export function ConfirmDialog({
  opened,
  title,
  children,
  confirmLabel,
  cancelLabel = 'Cancel',
  danger,
  busy,
  error,
  onConfirm,
  onCancel,
}: ConfirmDialogProps) {
  return (
    <Modal opened={opened} onClose={onCancel} title={title} centered>
      <Stack>
        {children}
        {error && (
          <Notice color="red" role="alert">
            {error}
          </Notice>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel} disabled={busy}>
            {cancelLabel}
          </Button>
          <Button color={danger ? 'red' : undefined} onClick={onConfirm} loading={busy}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
