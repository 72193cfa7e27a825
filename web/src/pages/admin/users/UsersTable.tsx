import { Badge, Button, Group, Table, Text } from '@mantine/core';

import { ContrastBadge } from '../../../components/ContrastBadge';
import { DateTimeText } from '../../../components/DateTimeText';
import { type AuthSource, displayName, type UserView } from './usersApi';

export const SOURCE_LABELS: Record<AuthSource, string> = {
  local: 'Local',
  ldap: 'Directory (LDAP)',
  sso: 'Single sign-on',
};

function statusText(user: UserView): string {
  if (user.status === 'active') return 'Active';
  if (user.disabledBy === 'directory') return 'Disabled in the directory';
  if (user.disabledBy === 'sync') return 'Disabled by import (gone from the directory)';
  if (user.disabledBy === 'admin') return 'Disabled by an admin';
  return 'Disabled';
}

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
      <Table striped highlightOnHover withTableBorder aria-label="Users" verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Email</Table.Th>
            <Table.Th scope="col">Name</Table.Th>
            <Table.Th scope="col">Source</Table.Th>
            <Table.Th scope="col">Status</Table.Th>
            <Table.Th scope="col">Directory DN</Table.Th>
            <Table.Th scope="col">Last sign-in</Table.Th>
            <Table.Th scope="col">Actions</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {users.map((user) => {
            const emailId = `user-${user.id}-email`;
            return (
              <Table.Tr key={user.id}>
                <Table.Td id={emailId}>
                  <Text size="sm">{user.email}</Text>
                  {user.role === 'admin' && (
                    <Badge size="xs" variant="outline" color="gray.8">
                      admin
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{displayName(user) || '—'}</Table.Td>
                <Table.Td>{SOURCE_LABELS[user.authSource] ?? user.authSource}</Table.Td>
                <Table.Td>
                  <ContrastBadge color={user.status === 'active' ? 'teal' : 'gray'}>{statusText(user)}</ContrastBadge>
                </Table.Td>
                <Table.Td maw={280}>
                  <Text size="xs" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                    {user.ldapDn ?? '—'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <DateTimeText value={user.lastLoginAt} fallback="never" />
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
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
