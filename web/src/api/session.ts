import { useQuery, useQueryClient } from '@tanstack/react-query';

import { api, ApiError, unwrap } from './client';

export const ME_KEY = ['me'] as const;

/** Who is signed in (null when nobody is); an SSO proxy's header signs its user in on this call. */
export function useMe() {
  return useQuery({
    queryKey: ME_KEY,
    // 200 with user null when nobody is signed in: no error in the browser's console for a visitor.
    queryFn: async () => (await unwrap(api.GET('/api/auth/session'))).user,
    staleTime: 60_000,
    retry: (count, error) => error instanceof ApiError && error.status === 0 && count < 3,
  });
}

export type Me = NonNullable<ReturnType<typeof useMe>['data']>;

/** Ends the session; answers the SSO proxy's logout link when one is configured. */
export function useSignOut() {
  const client = useQueryClient();
  return async (): Promise<string | null> => {
    const result = await unwrap(api.POST('/api/auth/logout'));
    client.clear();
    client.setQueryData(ME_KEY, null);
    return result?.logoutUrl ?? null;
  };
}
