import { Button, Group, Select, Stack } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { type FormEvent, useState } from 'react';

import { Notice } from '../../../components/Notice';
import { memberName, useAddMember, useUserSearch } from './mailboxes-api';

interface Option {
  value: string;
  label: string;
}

/** Finds a user by email, name or DN and adds them by hand. */
export function AddMemberForm({ mailboxId, exclude }: { mailboxId: number; exclude: number[] }) {
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<Option | null>(null);
  // once a user is picked the box shows their label: that is not a new search
  const [query] = useDebouncedValue(selected && search === selected.label ? '' : search, 250);
  const users = useUserSearch(query);
  const add = useAddMember(mailboxId);

  const found = (users.data ?? [])
    .filter((user) => !exclude.includes(user.id))
    .map((user) => ({
      value: String(user.id),
      label: memberName(user) ? `${user.email} (${memberName(user)})` : user.email,
    }));
  const options = selected && !found.some((o) => o.value === selected.value) ? [selected, ...found] : found;
  const userId = selected?.value ?? null;
  const nothingFound =
    query.trim() === ''
      ? 'Type part of an email, a name or a DN'
      : users.isFetching
        ? 'Searching…'
        : 'No user found who is not a member already';

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (userId === null) return;
    add.mutate(Number(userId), {
      onSuccess: () => {
        setSelected(null);
        setSearch('');
      },
    });
  }

  return (
    <form onSubmit={onSubmit}>
      <Stack gap="xs">
        <Group align="flex-end" gap="sm">
          <Select
            label="User to add"
            placeholder="Search by email, name or DN"
            searchable
            clearable
            searchValue={search}
            onSearchChange={setSearch}
            value={userId}
            onChange={(_value, option) => setSelected(option ?? null)}
            data={options}
            filter={({ options: all }) => all}
            nothingFoundMessage={nothingFound}
            error={users.isError ? users.error.message : undefined}
            style={{ flex: 1, minWidth: 220, maxWidth: 480 }}
          />
          <Button type="submit" disabled={userId === null} loading={add.isPending}>
            Add member
          </Button>
        </Group>
        {add.error && (
          <Notice color="red" role="alert">
            {add.error.message}
          </Notice>
        )}
      </Stack>
    </form>
  );
}
