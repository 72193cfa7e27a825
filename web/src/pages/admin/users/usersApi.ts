import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api, unwrap } from '../../../api/client';
import type { Schemas } from '../../../api/types';

export type AuthSource = Schemas['AuthSource'];
export type UserStatus = Schemas['UserStatus'];
export type UserView = Schemas['UserView'];

export interface UserFilters {
  q: string;
  source: AuthSource | '';
  status: UserStatus | '';
  page: number;
}

export const PAGE_SIZE = 25;
const USERS_KEY = ['admin', 'users'] as const;

/** One page of users matching the filters; the previous page stays on screen while the next loads. */
export function useUsers(filters: UserFilters) {
  // Only filters that are set are sent (an empty source or status is refused).
  const query = {
    page: filters.page,
    pageSize: PAGE_SIZE,
    ...(filters.q && { q: filters.q }),
    ...(filters.source && { source: filters.source }),
    ...(filters.status && { status: filters.status }),
  };
  return useQuery({
    queryKey: [...USERS_KEY, query],
    queryFn: () => unwrap(api.GET('/api/admin/users', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

/** Enables or disables a user (disabling ends their sessions), then reloads the list. */
export function useSetUserStatus() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, status }: { id: number; status: UserStatus }) =>
      unwrap(api.PATCH('/api/admin/users/{id}', { params: { path: { id } }, body: { status } })),
    onSuccess: () => client.invalidateQueries({ queryKey: USERS_KEY }),
  });
}

/** Sets a local password: the user's sessions end, or, on one's own row, the other sessions. */
export function useSetPassword() {
  return useMutation({
    mutationFn: ({ id, password }: { id: number; password: string }) =>
      unwrap(api.PUT('/api/admin/users/{id}/password', { params: { path: { id } }, body: { password } })),
  });
}

export function displayName(user: UserView): string {
  return [user.firstName, user.lastName].filter(Boolean).join(' ');
}
