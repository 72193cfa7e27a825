import { Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';

import { ApiError } from '../../../api/client';
import { LoadError } from '../../../components/LoadError';
import { Loading } from '../../../components/Loading';
import { NotFound } from '../../../components/StatusPages';
import { DeleteMailboxDialog } from './DeleteMailboxDialog';
import { MailboxForm } from './MailboxForm';
import { type MailboxView, useMailbox } from './mailboxes-api';
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

function NewMailbox() {
  const navigate = useNavigate();
  function onSaved(saved: MailboxView) {
    notifications.show({ message: `The mailbox ${saved.name} was created.` });
    navigate(`/admin/mailboxes/${saved.id}`, { replace: true });
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
  const mailbox = useMailbox(id);
  const [deleting, setDeleting] = useState(false);

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
        {/* keyed by the saved values, so the form starts over from what the server holds after a save */}
        <MailboxForm
          key={`${current.name}|${current.email}|${current.ldapFilter}`}
          mailbox={current}
          onSaved={(saved) => notifications.show({ message: `The mailbox ${saved.name} was saved.` })}
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
