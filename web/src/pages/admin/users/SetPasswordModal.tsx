import { Alert, Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';

import { ApiError } from '../../../api/client';
import { READABLE_DESCRIPTION } from '../../../components/readableDescription';
import { type UserView, useSetPassword } from './usersApi';

// The API's own rule and words (SetPasswordDto); checked here only to answer without a round trip.
const MIN_LENGTH = 12;
const TOO_SHORT = `password must be at least ${MIN_LENGTH} characters`;

/** A new local password for one user, with the server's message beside the field. */
export function SetPasswordModal({ user, onClose }: { user: UserView | null; onClose: () => void }) {
  const [password, setPassword] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const setPasswordCall = useSetPassword();

  function close() {
    setPassword('');
    setFieldError(null);
    setFormError(null);
    setPasswordCall.reset();
    onClose();
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!user) return;
    setFieldError(null);
    setFormError(null);
    if (password.length < MIN_LENGTH) {
      setFieldError(TOO_SHORT);
      return;
    }
    try {
      const result = await setPasswordCall.mutateAsync({ id: user.id, password });
      const ended =
        result.sessionsEnded === 'others'
          ? 'Your other sessions have ended; this one continues.'
          : 'Their sessions have ended.';
      notifications.show({ color: 'teal', message: `Password set for ${user.email}. ${ended}` });
      close();
    } catch (error) {
      if (error instanceof ApiError && error.status === 400) setFieldError(error.field('password') ?? error.message);
      else setFormError(error instanceof Error ? error.message : String(error));
    }
  }

  return (
    <Modal
      opened={user !== null}
      onClose={close}
      title={user ? `Set a local password for ${user.email}` : ''}
      centered
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          {user && user.authSource !== 'local' && (
            <Text size="sm">
              This user signs in through {user.authSource === 'ldap' ? 'the directory' : 'single sign-on'}. A local
              password is used only when the directory cannot be reached or refuses them and falling back to local
              passwords is on.
            </Text>
          )}
          {formError && (
            <Alert color="red" role="alert" title="Password not set">
              {formError}
            </Alert>
          )}
          <PasswordInput
            label="New password"
            description={`At least ${MIN_LENGTH} characters. The user's sessions end when it is set.`}
            styles={READABLE_DESCRIPTION}
            autoComplete="new-password"
            required
            data-autofocus
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={fieldError}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={setPasswordCall.isPending}>
              Set password
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
