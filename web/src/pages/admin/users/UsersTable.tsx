import { Badge, Button, Group, Table, Text } from '@mantine/core';

import { ContrastBadge } from '../../../components/ContrastBadge';
import { DateTimeText } from '../../../components/DateTimeText';
import { type AuthSource, displayName, type UserView } from './usersApi';

export const SOURCE_LABELS: Record<AuthSource, string> = {
  local: 'Local',
  ldap: 'Directory (LDAP)',
  sso: 'Single sign-on',
};

/** Why a disabled user is disabled, read after the "Disabled" badge ("Disabled in the directory"). */
function disabledReason(user: UserView): string | null {
  if (user.disabledBy === 'directory') return 'in the directory';
  if (user.disabledBy === 'sync') return 'by import (gone from the directory)';
  if (user.disabledBy === 'admin') return 'by an admin';
  return null;
}

// Fixed column widths (the Directory DN column takes the rest), so at 1280 px the whole table
// fits beside the navigation: long values wrap in their cells and the two action buttons stack.
const WRAP = { overflowWrap: 'anywhere' } as const;

interface UsersTableProps {
  users: UserView[];
  busyId: number | null;
  /** The signed-in admin: their own row cannot be disabled (the API refuses it too). */
  selfId: number | null;
  onEnable: (user: UserView) => void;
  onDisable: (user: UserView) => void;
  onSetPassword: (user: UserView) => void;
}

/** The users on this page; every row's buttons are described by the row's email for screen readers. */
export function UsersTable({ users, busyId, selfId, onEnable, onDisable, onSetPassword }: UsersTableProps) {
  return (
    <Table.ScrollContainer type="native" minWidth={1000} tabIndex={0} role="region" aria-label="Users">
      <Table striped highlightOnHover withTableBorder aria-label="Users" verticalSpacing="xs" layout="fixed">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" w={220}>
              Email
            </Table.Th>
            <Table.Th scope="col" w={110}>
              Name
            </Table.Th>
            <Table.Th scope="col" w={110}>
              Source
            </Table.Th>
            <Table.Th scope="col" w={130}>
              Status
            </Table.Th>
            <Table.Th scope="col">Directory DN</Table.Th>
            <Table.Th scope="col" w={110}>
              Last sign-in
            </Table.Th>
            <Table.Th scope="col" w={160}>
              Actions
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {users.map((user) => {
            const emailId = `user-${user.id}-email`;
            const reason = user.status === 'active' ? null : disabledReason(user);
            return (
              <Table.Tr key={user.id}>
                <Table.Td id={emailId}>
                  <Text size="sm" style={WRAP}>
                    {user.email}
                  </Text>
                  {user.role === 'admin' && (
                    <Badge size="xs" variant="outline" color="gray.8">
                      admin
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td style={WRAP}>{displayName(user) || '—'}</Table.Td>
                <Table.Td>{SOURCE_LABELS[user.authSource] ?? user.authSource}</Table.Td>
                <Table.Td>
                  <ContrastBadge color={user.status === 'active' ? 'teal' : 'gray'}>
                    {user.status === 'active' ? 'Active' : 'Disabled'}
                  </ContrastBadge>
                  {reason && (
                    <>
                      {' '}
                      <Text size="xs">{reason}</Text>
                    </>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="xs" ff="monospace" style={WRAP}>
                    {user.ldapDn ?? '—'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <DateTimeText value={user.lastLoginAt} fallback="never" />
                </Table.Td>
                <Table.Td>
                  <Group gap={6}>
                    {user.status === 'active' ? (
                      <Button
                        size="compact-sm"
                        variant="light"
                        color="red"
                        aria-describedby={emailId}
                        disabled={user.id === selfId}
                        title={user.id === selfId ? 'You cannot disable your own account' : undefined}
                        onClick={() => onDisable(user)}
                      >
                        {user.id === selfId ? 'Disable (you)' : 'Disable'}
                      </Button>
                    ) : (
                      <Button
                        size="compact-sm"
                        variant="light"
                        aria-describedby={emailId}
                        loading={busyId === user.id}
                        onClick={() => onEnable(user)}
                      >
                        Enable
                      </Button>
                    )}
                    <Button
                      size="compact-sm"
                      variant="default"
                      aria-describedby={emailId}
                      onClick={() => onSetPassword(user)}
                    >
                      Set password
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
