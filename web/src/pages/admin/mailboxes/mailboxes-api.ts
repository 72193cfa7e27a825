import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api, unwrap } from '../../../api/client';
import type { Schemas } from '../../../api/types';

export type MailboxView = Schemas['MailboxView'];
/** A saved mailbox, with what the API changed in the input (a filter put into RFC 4515 form). */
export type MailboxSavedView = Schemas['MailboxSavedView'];
export type MemberView = Schemas['MemberView'];
export type MailboxPreviewView = Schemas['MailboxPreviewView'];

/** What the form sends: an empty email or filter is sent as null (no email, no filter). */
export interface MailboxInput {
  name: string;
  email: string | null;
  ldapFilter: string | null;
}

/**
 * The request body as the API validates it. The generated CreateMailboxDto and UpdateMailboxDto
 * still type a nullable string as an object (@nestjs/swagger's `nullable` without a `type`), so
 * the body goes through this one cast until those DTOs say `type: String`.
 */
function mailboxBody<T>(body: { name: string; email?: string | null; ldapFilter: string | null }): T {
  return body as unknown as T;
}

const MAILBOXES_KEY = ['mailboxes'] as const;
const mailboxKey = (id: number) => ['mailboxes', id] as const;
const membersKey = (id: number) => ['mailboxes', id, 'members'] as const;

export function useMailboxes() {
  return useQuery({
    queryKey: MAILBOXES_KEY,
    queryFn: () => unwrap(api.GET('/api/admin/mailboxes')),
  });
}

export function useMailbox(id: number) {
  return useQuery({
    queryKey: mailboxKey(id),
    queryFn: () => unwrap(api.GET('/api/admin/mailboxes/{id}', { params: { path: { id } } })),
  });
}

export function useMailboxMembers(id: number) {
  return useQuery({
    queryKey: membersKey(id),
    queryFn: () => unwrap(api.GET('/api/admin/mailboxes/{id}/members', { params: { path: { id } } })),
  });
}

/** Users whose email, name or DN contains the text (the first 20), for adding a member by hand. */
export function useUserSearch(q: string) {
  return useQuery({
    queryKey: ['users', 'search', q],
    queryFn: async () => (await unwrap(api.GET('/api/admin/users', { params: { query: { q, pageSize: 20 } } }))).items,
    enabled: q.trim().length > 0,
    staleTime: 10_000,
  });
}

/** Creates a mailbox (no id) or saves one; the list and the mailbox are refreshed. */
export function useSaveMailbox(id: number | null) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (input: MailboxInput): Promise<MailboxSavedView> => {
      if (id === null) {
        // a new mailbox without an email leaves it out: the API takes email as optional, not nullable
        const body = { name: input.name, ldapFilter: input.ldapFilter, ...(input.email ? { email: input.email } : {}) };
        return unwrap(api.POST('/api/admin/mailboxes', { body: mailboxBody<Schemas['CreateMailboxDto']>(body) }));
      }
      return unwrap(
        api.PATCH('/api/admin/mailboxes/{id}', {
          params: { path: { id } },
          body: mailboxBody<Schemas['UpdateMailboxDto']>(input),
        }),
      );
    },
    onSuccess: ({ notes: _notes, ...saved }) => {
      client.setQueryData<MailboxView>(mailboxKey(saved.id), saved);
      client.invalidateQueries({ queryKey: MAILBOXES_KEY, exact: true });
    },
  });
}

export function useDeleteMailbox() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (id: number) => {
      await unwrap(api.DELETE('/api/admin/mailboxes/{id}', { params: { path: { id } } }));
    },
    // the deleted mailbox's own queries are left to expire: removing them now would refetch them (a 404) before the page moves on
    onSuccess: () => client.invalidateQueries({ queryKey: MAILBOXES_KEY, exact: true }),
  });
}

/** Which directory users a filter matches (the API bounds it by size and time). */
export function usePreview() {
  return useMutation({
    mutationFn: (ldapFilter: string) => unwrap(api.POST('/api/admin/mailboxes/preview', { body: { ldapFilter } })),
  });
}

export function useAddMember(mailboxId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (userId: number) => {
      await unwrap(
        api.POST('/api/admin/mailboxes/{id}/members', { params: { path: { id: mailboxId } }, body: { userId } }),
      );
    },
    onSuccess: () => client.invalidateQueries({ queryKey: membersKey(mailboxId) }),
  });
}

export function useRemoveMember(mailboxId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (userId: number) => {
      await unwrap(
        api.DELETE('/api/admin/mailboxes/{id}/members/{userId}', { params: { path: { id: mailboxId, userId } } }),
      );
    },
    onSuccess: () => client.invalidateQueries({ queryKey: membersKey(mailboxId) }),
  });
}

export function memberName(member: { firstName: string | null; lastName: string | null }): string {
  return [member.firstName, member.lastName].filter(Boolean).join(' ');
}
