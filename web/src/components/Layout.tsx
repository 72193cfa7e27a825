import { Alert, AppShell, Burger, Button, Group, NavLink, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';

import { useOffline } from '../api/connection';
import { type Me, useSignOut } from '../api/session';

const ADMIN_LINKS = [
  { to: '/admin', label: 'Dashboard' },
  { to: '/admin/directory', label: 'Directory settings' },
  { to: '/admin/import', label: 'Import' },
  { to: '/admin/mailboxes', label: 'Mailboxes' },
  { to: '/admin/users', label: 'Users' },
  { to: '/admin/logs', label: 'LDAP log' },
];

/** The frame of every signed-in page: header with the user and sign-out, navigation, offline banner. */
export function Layout({ me, children }: { me: Me; children: ReactNode }) {
  const [opened, { toggle, close }] = useDisclosure(false);
  const location = useLocation();
  const navigate = useNavigate();
  const signOut = useSignOut();
  const offline = useOffline();
  const links = [{ to: '/', label: 'My mailboxes' }, ...(me.role === 'admin' ? ADMIN_LINKS : [])];

  async function onSignOut() {
    const logoutUrl = await signOut();
    navigate(logoutUrl ? `/sign-in?signedOut=1&logoutUrl=${encodeURIComponent(logoutUrl)}` : '/sign-in?signedOut=1', {
      replace: true,
    });
  }

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={opened ? 'Close navigation' : 'Open navigation'}
            />
            <Title order={2} size="h4">
              helpdesk-ldap
            </Title>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <Text size="sm" visibleFrom="xs" truncate maw={260}>
              {me.email}
            </Text>
            <Button variant="default" size="xs" onClick={onSignOut}>
              Sign out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main navigation">
        {links.map((link) => (
          <NavLink
            key={link.to}
            component={Link}
            to={link.to}
            label={link.label}
            active={
              link.to === '/' || link.to === '/admin'
                ? location.pathname === link.to
                : location.pathname.startsWith(link.to)
            }
            onClick={close}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        {offline && (
          <Alert color="orange" title="Cannot reach the server" mb="md" role="alert">
            The console lost its connection to the API. What you see may be out of date; it retries by itself.
          </Alert>
        )}
        {children}
      </AppShell.Main>
    </AppShell>
  );
}
