import { Alert, Button, Group, Modal, NativeSelect, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useEffect, useEffectEvent, useState } from 'react';
import { useSearchParams } from 'react-router';

import { useMe } from '../../../api/session';
import { LoadError } from '../../../components/LoadError';
import { Loading } from '../../../components/Loading';
import { Pager } from '../../../components/Pager';
import { READABLE_DESCRIPTION } from '../../../components/readableDescription';
import { SetPasswordModal } from './SetPasswordModal';
import { OnlyLocalUsers, UsersEmpty } from './UsersEmpty';
import { SOURCE_LABELS, UsersTable } from './UsersTable';
import {
  type AuthSource,
  type UserFilters,
  type UserStatus,
  type UserView,
  useSetUserStatus,
  useUsers,
} from './usersApi';

const SOURCES: AuthSource[] = ['local', 'ldap', 'sso'];
const STATUSES: UserStatus[] = ['active', 'disabled'];
const SOURCE_OPTIONS = [
  { value: '', label: 'Any source' },
  ...Object.entries(SOURCE_LABELS).map(([value, label]) => ({ value, label })),
];
const STATUS_OPTIONS = [
  { value: '', label: 'Any status' },
  { value: 'active', label: 'Active' },
  { value: 'disabled', label: 'Disabled' },
];

/** Filters live in the address, so a link reproduces the view. */
function useFilters(): [UserFilters, (change: Partial<UserFilters>) => void] {
  const [params, setParams] = useSearchParams();
  const filters: UserFilters = {
    q: params.get('q') ?? '',
    source: SOURCES.find((known) => known === params.get('source')) ?? '',
    status: STATUSES.find((known) => known === params.get('status')) ?? '',
    page: Math.max(1, Number(params.get('page')) || 1),
  };
  const update = (change: Partial<UserFilters>) => {
    const next = { ...filters, page: 1, ...change };
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(next))
      if (value && !(key === 'page' && value === 1)) query.set(key, String(value));
    setParams(query, { replace: true });
  };
  return [filters, update];
}

/** Search, filter, enable and disable users, and set a local password. */
export default function UsersPage() {
  const [filters, setFilters] = useFilters();
  const [search, setSearch] = useState(filters.q);
  const [debouncedSearch] = useDebouncedValue(search.trim(), 300);
  const users = useUsers(filters);
  const setStatus = useSetUserStatus();
  const me = useMe();
  const [confirmDisable, setConfirmDisable] = useState<UserView | null>(null);
  const [passwordFor, setPasswordFor] = useState<UserView | null>(null);

  // Only a settled search text moves the address (and so the query); typing does not.
  const settleSearch = useEffectEvent((text: string) => {
    if (text !== filters.q) setFilters({ q: text });
  });
  useEffect(() => settleSearch(debouncedSearch), [debouncedSearch]);

  async function changeStatus(user: UserView, status: UserStatus) {
    try {
      await setStatus.mutateAsync({ id: user.id, status });
      notifications.show({
        color: 'teal',
        message: `${user.email} is ${status === 'active' ? 'enabled' : 'disabled; their sessions have ended'}.`,
      });
      setConfirmDisable(null);
    } catch (error) {
      // A failed disable is shown in its confirmation dialog, which stays open.
      if (status === 'disabled') return;
      notifications.show({
        color: 'red',
        title: `Could not ${status === 'active' ? 'enable' : 'disable'} ${user.email}`,
        message: error instanceof Error ? error.message : String(error),
      });
    }
  }

  return (
    <Stack gap="md">
      <Title order={1}>Users</Title>
      <Group align="flex-end" gap="sm" role="search" aria-label="Filter users">
        <TextInput
          label="Search users"
          description="Email, name or directory DN"
          styles={READABLE_DESCRIPTION}
          type="search"
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={{ base: '100%', sm: 320 }}
        />
        <NativeSelect
          label="Source"
          data={SOURCE_OPTIONS}
          value={filters.source}
          onChange={(e) => setFilters({ source: e.currentTarget.value as AuthSource | '' })}
          w={{ base: '47%', sm: 180 }}
        />
        <NativeSelect
          label="Status"
          data={STATUS_OPTIONS}
          value={filters.status}
          onChange={(e) => setFilters({ status: e.currentTarget.value as UserStatus | '' })}
          w={{ base: '47%', sm: 160 }}
        />
      </Group>
      {users.isPending ? (
        <Loading label="Loading users" />
      ) : users.isError ? (
        <LoadError error={users.error} onRetry={() => users.refetch()} />
      ) : (
        <>
          <OnlyLocalUsers filters={filters} users={users.data.items} total={users.data.total} />
          {users.data.items.length === 0 ? (
            <UsersEmpty
              filters={filters}
              total={users.data.total}
              onClearFilters={() => (setSearch(''), setFilters({ q: '', source: '', status: '' }))}
              onFirstPage={() => setFilters({ page: 1 })}
            />
          ) : (
            <UsersTable
              users={users.data.items}
              busyId={setStatus.isPending ? (setStatus.variables?.id ?? null) : null}
              selfId={me.data?.id ?? null}
              onEnable={(user) => changeStatus(user, 'active')}
              onDisable={setConfirmDisable}
              onSetPassword={setPasswordFor}
            />
          )}
          <Pager
            label="Users pages"
            page={filters.page}
            pageSize={users.data.pageSize}
            total={users.data.total}
            onChange={(page) => setFilters({ page })}
          />
        </>
      )}
      <Modal
        opened={confirmDisable !== null}
        onClose={() => setConfirmDisable(null)}
        title="Disable this user?"
        centered
        closeButtonProps={{ 'aria-label': 'Close' }}
      >
        {confirmDisable && (
          <Stack>
            <Text>
              <strong>{confirmDisable.email}</strong> will be signed out at once and cannot sign in, by any method,
              until an admin enables the account again.
            </Text>
            {setStatus.isError && (
              <Alert color="red" role="alert">
                {setStatus.error.message}
              </Alert>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setConfirmDisable(null)} data-autofocus>
                Cancel
              </Button>
              <Button
                color="red"
                loading={setStatus.isPending}
                onClick={() => changeStatus(confirmDisable, 'disabled')}
              >
                Disable
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
      <SetPasswordModal user={passwordFor} onClose={() => setPasswordFor(null)} />
    </Stack>
  );
}
