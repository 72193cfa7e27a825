import { Alert, Anchor, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';

import { api, ApiError, unwrap } from '../../api/client';
import { ME_KEY } from '../../api/session';
import type { Schemas } from '../../api/types';

/** When a throttled sign-in may be tried again, in words: "in 14 minutes (at 10:42)". */
export function retryText(seconds: number, now = new Date()): string {
  const at = new Date(now.getTime() + seconds * 1000).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  const span =
    seconds < 60
      ? `${seconds} seconds`
      : `${Math.ceil(seconds / 60)} minute${Math.ceil(seconds / 60) === 1 ? '' : 's'}`;
  return `in ${span} (at ${at})`;
}

/** The directory's password policy warning in words, or null (shown once signed in). */
export function passwordWarningText(warning: Schemas['SignInView']['passwordWarning']): string | null {
  if (!warning) return null;
  if (warning.kind === 'grace')
    return `Your password has expired. You can sign in ${warning.remaining ?? 0} more time${warning.remaining === 1 ? '' : 's'} with it: change it in your directory now.`;
  const days = warning.days ?? 0;
  return `Your password expires within ${days} day${days === 1 ? '' : 's'}: change it in your directory.`;
}

/** Login and password; every refusal shows the API's one message, a throttled attempt when to retry. */
export function SignInPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const logoutUrl = params.get('logoutUrl');

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const user = await unwrap(api.POST('/api/auth/login', { body: { login, password } }));
      const warning = passwordWarningText(user.passwordWarning);
      if (warning)
        notifications.show({ color: 'yellow', title: 'Your directory password', message: warning, autoClose: false });
      // The login answer lacks the profile extras (directoryFields); ask for the session afresh.
      await client.invalidateQueries({ queryKey: ME_KEY });
      const next = params.get('next');
      navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : user.role === 'admin' ? '/admin' : '/', {
        replace: true,
      });
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 429) {
        setError(`Too many failed sign-ins. Try again ${retryText(caught.retryAfterSeconds ?? 60)}.`);
      } else {
        setError(caught instanceof Error ? caught.message : String(caught));
      }
      setPassword('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <Center mih="100vh" p="md" component="main">
      <Paper withBorder shadow="sm" p="xl" radius="md" w={380} maw="100%">
        <form onSubmit={onSubmit} noValidate>
          <Stack>
            <Title order={1} size="h2">
              Sign in
            </Title>
            <Text size="sm" c="dimmed">
              helpdesk-ldap: use your directory login (user name or email) and password.
            </Text>
            {params.get('signedOut') && (
              <Alert color="blue" role="status">
                You are signed out.
                {logoutUrl && (
                  <>
                    {' '}
                    Your single sign-on session is still open:{' '}
                    <Anchor href={logoutUrl}>sign out of single sign-on</Anchor>.
                  </>
                )}
              </Alert>
            )}
            {error && (
              <Alert color="red" role="alert" title="Not signed in">
                {error}
              </Alert>
            )}
            <TextInput
              label="Login"
              name="login"
              autoComplete="username"
              required
              withAsterisk={false}
              value={login}
              onChange={(e) => setLogin(e.currentTarget.value)}
              autoFocus
            />
            <PasswordInput
              label="Password"
              name="password"
              autoComplete="current-password"
              required
              withAsterisk={false}
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
            />
            <Button type="submit" loading={busy} disabled={!login.trim() || !password}>
              Sign in
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
