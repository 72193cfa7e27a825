import { Button, Group, Stack, Textarea, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';

import { ApiError } from '../../../api/client';
import { Notice } from '../../../components/Notice';
import { FilterPreview } from './FilterPreview';
import {
  type MailboxInput,
  type MailboxSavedView,
  type MailboxView,
  usePreview,
  useSaveMailbox,
} from './mailboxes-api';

interface MailboxFormProps {
  /** The mailbox to edit; null for a new one. */
  mailbox: MailboxView | null;
  onSaved: (saved: MailboxSavedView) => void;
}

/**
 * Name, email and LDAP filter, with a preview of who the filter finds. The server decides what is
 * valid: its field errors are shown beside the fields.
 */
export function MailboxForm({ mailbox, onSaved }: MailboxFormProps) {
  const [name, setName] = useState(mailbox?.name ?? '');
  const [email, setEmail] = useState(mailbox?.email ?? '');
  const [filter, setFilter] = useState(mailbox?.ldapFilter ?? '');
  const save = useSaveMailbox(mailbox?.id ?? null);
  const preview = usePreview();

  const saveError = save.error instanceof ApiError ? save.error : null;
  const previewError = preview.error instanceof ApiError ? preview.error : null;
  const fieldError = (path: string) => saveError?.field(path);
  // A filter the server refuses is shown beside the field whether Save or Preview found it.
  const filterError =
    fieldError('ldapFilter') ??
    (previewError?.status === 400 ? (previewError.field('ldapFilter') ?? previewError.message) : undefined);
  const formError = save.error && !hasFieldErrors(saveError) ? save.error.message : null;

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const input: MailboxInput = { name: name.trim(), email: email.trim() || null, ldapFilter: filter.trim() || null };
    save.mutate(input, { onSuccess: onSaved });
  }

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md" maw={720}>
        {formError && (
          <Notice color="red" role="alert" title="Not saved">
            {formError}
          </Notice>
        )}
        <TextInput
          label="Name"
          required
          withAsterisk={false}
          styles={READABLE}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={fieldError('name')}
          autoComplete="off"
        />
        <TextInput
          label="Email"
          description="The address mail for this mailbox is sent to (optional)"
          styles={READABLE}
          type="email"
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          error={fieldError('email')}
          autoComplete="off"
        />
        <div>
          <Textarea
            label="LDAP filter"
            description="Directory users matching this filter (within the search scopes) become members at each import. Leave empty for hand-picked members only."
            placeholder="(memberOf=cn=support,ou=groups,dc=example,dc=com)"
            value={filter}
            onChange={(e) => {
              setFilter(e.currentTarget.value);
              if (previewError?.status === 400) preview.reset();
            }}
            error={filterError}
            autosize
            minRows={2}
            spellCheck={false}
            styles={{ ...READABLE, input: { ...READABLE.input, fontFamily: 'var(--mantine-font-family-monospace)' } }}
            inputContainer={(input) => (
              <Group align="flex-start" gap="sm" wrap="nowrap">
                <div style={{ flex: 1, minWidth: 0 }}>{input}</div>
                <Button
                  variant="default"
                  onClick={() => preview.mutate(filter.trim())}
                  loading={preview.isPending}
                  disabled={filter.trim() === ''}
                >
                  Preview
                </Button>
              </Group>
            )}
          />
          <FilterPreview preview={preview} />
        </div>
        <Group>
          <Button type="submit" loading={save.isPending}>
            Save mailbox
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/**
 * Descriptions and errors in colours that keep 4.5:1 on white: Mantine's dimmed grey and its error
 * red (also the text colour of an input in error) are about 3.3:1. The red border still marks the field.
 */
const READABLE = {
  description: { color: 'var(--mantine-color-gray-7)' },
  error: { color: 'var(--mantine-color-red-9)' },
  input: { color: 'var(--mantine-color-text)' },
};

function hasFieldErrors(error: ApiError | null): boolean {
  return !!error && Object.keys(error.fields).some((path) => ['name', 'email', 'ldapFilter'].includes(path));
}
