import { Anchor, Button, Code, Group, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';

import { LoadError } from '../../../components/LoadError';
import { Loading } from '../../../components/Loading';
import { ScrollableTable } from '../../../components/ScrollableTable';
import { DeleteMailboxDialog } from './DeleteMailboxDialog';
import { type MailboxView, useMailboxes } from './mailboxes-api';

/** Every mailbox with its email and LDAP filter; create, open, delete. */
export default function MailboxesPage() {
  const navigate = useNavigate();
  const mailboxes = useMailboxes();
  const [deleting, setDeleting] = useState<MailboxView | null>(null);

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>Mailboxes</Title>
          <Text c="gray.7" size="sm">
            A mailbox with an LDAP filter gets the directory users it matches as members at each import; members can
            also be added by hand.
          </Text>
        </div>
        <Button onClick={() => navigate('/admin/mailboxes/new')}>New mailbox</Button>
      </Group>
      {mailboxes.isPending && <Loading label="Loading the mailboxes" />}
      {mailboxes.isError && <LoadError error={mailboxes.error} onRetry={() => mailboxes.refetch()} />}
      {mailboxes.data && mailboxes.data.length === 0 && (
        <Text>There are no mailboxes yet. Create one with “New mailbox”.</Text>
      )}
      {mailboxes.data && mailboxes.data.length > 0 && (
        <ScrollableTable label="Mailboxes" minWidth={720}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Email</Table.Th>
              <Table.Th>LDAP filter</Table.Th>
              <Table.Th>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {mailboxes.data.map((mailbox) => (
              <Table.Tr key={mailbox.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/admin/mailboxes/${mailbox.id}`} fw={600}>
                    {mailbox.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>{mailbox.email ?? '—'}</Table.Td>
                <Table.Td style={{ wordBreak: 'break-all' }}>
                  {mailbox.ldapFilter ? <Code>{mailbox.ldapFilter}</Code> : 'None: members added by hand'}
                </Table.Td>
                <Table.Td ta="right">
                  <Button
                    variant="subtle"
                    color="red"
                    size="compact-sm"
                    onClick={() => setDeleting(mailbox)}
                    aria-label={`Delete mailbox ${mailbox.name}`}
                  >
                    Delete
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollableTable>
      )}
      <DeleteMailboxDialog
        mailbox={deleting}
        onClose={() => setDeleting(null)}
        onDeleted={(mailbox) => notifications.show({ message: `The mailbox ${mailbox.name} was deleted.` })}
      />
    </Stack>
  );
}
