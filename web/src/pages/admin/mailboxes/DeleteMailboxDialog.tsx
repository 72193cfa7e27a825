import { Text } from '@mantine/core';

import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { type MailboxView, useDeleteMailbox } from './mailboxes-api';

interface DeleteMailboxDialogProps {
  mailbox: MailboxView | null;
  onClose: () => void;
  onDeleted?: (mailbox: MailboxView) => void;
}

/** Asks before a mailbox goes; its members lose it, the users themselves stay. */
export function DeleteMailboxDialog({ mailbox, onClose, onDeleted }: DeleteMailboxDialogProps) {
  const remove = useDeleteMailbox();
  const close = () => {
    remove.reset();
    onClose();
  };
  return (
    <ConfirmDialog
      opened={mailbox !== null}
      title={`Delete the mailbox ${mailbox?.name ?? ''}?`}
      confirmLabel="Delete"
      danger
      busy={remove.isPending}
      error={remove.error?.message ?? null}
      onCancel={close}
      onConfirm={() =>
        mailbox &&
        remove.mutate(mailbox.id, {
          onSuccess: () => {
            close();
            onDeleted?.(mailbox);
          },
        })
      }
    >
      <Text size="sm">
        Its members lose access to it, whether the directory or an admin added them. The users themselves are not
        changed. This cannot be undone.
      </Text>
    </ConfirmDialog>
  );
}
