import { Anchor, Button, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';

import { Notice } from '../../../components/Notice';
import type { UserFilters, UserView } from './usersApi';

/** A search text, source or status is set (the page number is not a filter). */
export function isFiltered(filters: UserFilters): boolean {
  return filters.q !== '' || filters.source !== '' || filters.status !== '';
}

const IMPORT_LINK = (
  <Anchor component={Link} to="/admin/import" underline="always">
    Import users from the directory
  </Anchor>
);

interface UsersEmptyProps {
  filters: UserFilters;
  total: number;
  onClearFilters: () => void;
  onFirstPage: () => void;
}

/**
 * Why the list shows nobody, in words that fit the case: the filters match nobody, the page is past
 * the end, or there are no users at all yet (with the way to import them).
 */
export function UsersEmpty({ filters, total, onClearFilters, onFirstPage }: UsersEmptyProps) {
  if (isFiltered(filters))
    return (
      <Stack gap="xs" align="flex-start">
        <Text>No user matches these filters.</Text>
        <Button variant="default" size="compact-sm" onClick={onClearFilters}>
          Clear the filters
        </Button>
      </Stack>
    );
  if (total > 0)
    return (
      <Stack gap="xs" align="flex-start">
        <Text>There is nobody on page {filters.page}: the list ends before it.</Text>
        <Button variant="default" size="compact-sm" onClick={onFirstPage}>
          Go to the first page
        </Button>
      </Stack>
    );
  return (
    <Stack gap="xs" align="flex-start">
      <Text fw={600}>No users yet.</Text>
      <Text size="sm">
        People appear here when they first sign in, or all at once when you import them from the directory.
      </Text>
      {IMPORT_LINK}
    </Stack>
  );
}

/**
 * Above an unfiltered list of local accounts only (a new install: the admin and nobody else): where
 * everyone else will come from. Nothing once a directory or single sign-on user is there.
 */
export function OnlyLocalUsers({ filters, users, total }: { filters: UserFilters; users: UserView[]; total: number }) {
  const onlyLocal = users.length > 0 && total === users.length && users.every((user) => user.authSource === 'local');
  if (isFiltered(filters) || !onlyLocal) return null;
  return (
    <Notice color="blue" title="Only local accounts so far">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">
          Directory users appear here when they first sign in, or all at once when you import them from the directory.
        </Text>
        {IMPORT_LINK}
      </Stack>
    </Notice>
  );
}
