import { Anchor, Button, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';

import { ApiError } from '../../../api/client';
import { LoadError } from '../../../components/LoadError';
import { Loading } from '../../../components/Loading';
import { Notice } from '../../../components/Notice';
import { NotFound } from '../../../components/StatusPages';
import { DeleteMailboxDialog } from './DeleteMailboxDialog';
import { MailboxForm } from './MailboxForm';
import { type MailboxSavedView, useMailbox } from './mailboxes-api';
import { MembersSection } from './MembersSection';

/** One mailbox: its settings with the filter preview, its members, and deletion. `/admin/mailboxes/new` creates one. */
export default function MailboxPage() {
  const { id } = useParams();
  if (id === 'new') return <NewMailbox />;
  const numeric = Number(id);
  if (!Number.isInteger(numeric) || numeric <= 0) return <NotFound />;
  return <ExistingMailbox id={numeric} />;
}

function BackLink() {
  return (
    <Anchor component={Link} to="/admin/mailboxes" size="sm">
      ← All mailboxes
    </Anchor>
  );
}

/** What a save hands to the mailbox's own page (a new mailbox moves there): the API's notes. */
interface SavedState {
  notes: string[];
}

function savedMessage(saved: MailboxSavedView, verb: 'created' | 'saved'): string {
  return saved.notes.length > 0
    ? `The mailbox ${saved.name} was ${verb}, with changes: see the notes under Settings.`
    : `The mailbox ${saved.name} was ${verb}.`;
}

function NewMailbox() {
  const navigate = useNavigate();
  function onSaved(saved: MailboxSavedView) {
    notifications.show({ message: savedMessage(saved, 'created') });
    navigate(`/admin/mailboxes/${saved.id}`, { replace: true, state: { notes: saved.notes } satisfies SavedState });
  }
  return (
    <Stack gap="lg">
      <BackLink />
      <Title order={1}>New mailbox</Title>
      <Paper withBorder p="md" radius="md">
        <MailboxForm mailbox={null} onSaved={onSaved} />
      </Paper>
    </Stack>
  );
}

function ExistingMailbox({ id }: { id: number }) {
  const navigate = useNavigate();
  const location = useLocation();
  const mailbox = useMailbox(id);
  const [deleting, setDeleting] = useState(false);
  const [notes, setNotes] = useState<string[]>(() => (location.state as SavedState | null)?.notes ?? []);
  // The notes belong to that one save: a reload or a later visit of this page does not show them again.
  useEffect(() => {
    if (location.state) navigate(location.pathname, { replace: true, state: null });
  }, [location.state, location.pathname, navigate]);

  if (mailbox.isPending) return <Loading label="Loading the mailbox" />;
  if (mailbox.isError) {
    if (mailbox.error instanceof ApiError && mailbox.error.status === 404) {
      return (
        <Stack>
          <BackLink />
          <Title order={1}>Mailbox not found</Title>
          <Text>There is no mailbox {id}: it may have been deleted.</Text>
        </Stack>
      );
    }
    return <LoadError error={mailbox.error} onRetry={() => mailbox.refetch()} />;
  }
  const current = mailbox.data;
  return (
    <Stack gap="lg">
      <BackLink />
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{current.name}</Title>
        <Button variant="outline" color="red" onClick={() => setDeleting(true)}>
          Delete mailbox
        </Button>
      </Group>
      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="mailbox-settings">
        <Title order={2} size="h3" id="mailbox-settings" mb="sm">
          Settings
        </Title>
        <SavedNotes notes={notes} onClose={() => setNotes([])} />
        {/* keyed by the saved values, so the form starts over from what the server holds after a save */}
        <MailboxForm
          key={`${current.name}|${current.email}|${current.ldapFilter}`}
          mailbox={current}
          onSaved={(saved) => {
            setNotes(saved.notes);
            notifications.show({ message: savedMessage(saved, 'saved') });
          }}
        />
      </Paper>
      <MembersSection mailboxId={id} hasFilter={!!current.ldapFilter} />
      <DeleteMailboxDialog
        mailbox={deleting ? current : null}
        onClose={() => setDeleting(false)}
        onDeleted={(deleted) => {
          notifications.show({ message: `The mailbox ${deleted.name} was deleted.` });
          navigate('/admin/mailboxes', { replace: true });
        }}
      />
    </Stack>
  );
}

/** What the API changed in the input of the last save (a filter put into RFC 4515 form), until closed. */
function SavedNotes({ notes, onClose }: { notes: string[]; onClose: () => void }) {
  if (notes.length === 0) return null;
  return (
    <Notice
      color="blue"
      title="Saved. What the server changed"
      mb="md"
      role="status"
      withCloseButton
      closeButtonLabel="Close the notes"
      onClose={onClose}
    >
      <List size="sm" spacing={2}>
        {notes.map((note) => (
          <List.Item key={note} style={{ overflowWrap: 'anywhere' }}>
            {note}
          </List.Item>
        ))}
      </List>
      <Text size="sm" mt="xs">
        The fields below show what is stored.
      </Text>
    </Notice>
  );
}
