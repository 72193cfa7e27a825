import { Badge, Button, Paper, Stack, Table, Text, Title } from '@mantine/core';

import { LoadError } from '../../../components/LoadError';
import { Loading } from '../../../components/Loading';
import { Notice } from '../../../components/Notice';
import { ScrollableTable } from '../../../components/ScrollableTable';
import { AddMemberForm } from './AddMemberForm';
import { memberName, type MemberView, useMailboxMembers, useRemoveMember } from './mailboxes-api';

/** Members in two groups: the directory's (read-only, follows the filter) and the hand-picked ones. */
export function MembersSection({ mailboxId, hasFilter }: { mailboxId: number; hasFilter: boolean }) {
  const members = useMailboxMembers(mailboxId);
  const remove = useRemoveMember(mailboxId);
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="mailbox-members">
      <Title order={2} size="h3" id="mailbox-members" mb="sm">
        Members
      </Title>
      {members.isPending && <Loading label="Loading the members" />}
      {members.isError && <LoadError error={members.error} onRetry={() => members.refetch()} />}
      {members.data && (
        <Stack gap="xl">
          <Stack gap="xs">
            <Title order={3} size="h4">
              Assigned by the directory ({members.data.directory.length})
            </Title>
            <Text size="sm" c="gray.7">
              {hasFilter
                ? 'Directory users that match the LDAP filter. Each import adds and removes them to follow the filter, so they cannot be changed here: change the filter instead.'
                : 'This mailbox has no LDAP filter, so the directory assigns nobody. Add a filter above to have imports keep members in step with a group.'}
            </Text>
            {members.data.directory.length > 0 ? (
              <MemberTable label="Members assigned by the directory" members={members.data.directory} />
            ) : (
              hasFilter && <Text size="sm">Nobody yet: the next import assigns the users the filter matches.</Text>
            )}
          </Stack>
          <Stack gap="xs">
            <Title order={3} size="h4">
              Added by hand ({members.data.manual.length})
            </Title>
            <Text size="sm" c="gray.7">
              Users an admin added. Imports never add or remove them.
            </Text>
            {remove.error && (
              <Notice color="red" role="alert">
                {remove.error.message}
              </Notice>
            )}
            {members.data.manual.length > 0 ? (
              <MemberTable
                label="Members added by hand"
                members={members.data.manual}
                onRemove={(member) => remove.mutate(member.userId)}
                removing={remove.isPending ? remove.variables : undefined}
              />
            ) : (
              <Text size="sm">Nobody has been added by hand.</Text>
            )}
            <AddMemberForm
              mailboxId={mailboxId}
              exclude={[...members.data.directory, ...members.data.manual].map((m) => m.userId)}
            />
          </Stack>
        </Stack>
      )}
    </Paper>
  );
}

interface MemberTableProps {
  label: string;
  members: MemberView[];
  onRemove?: (member: MemberView) => void;
  removing?: number;
}

function MemberTable({ label, members, onRemove, removing }: MemberTableProps) {
  return (
    <ScrollableTable label={label} minWidth={560} maxHeight={420}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Email</Table.Th>
          <Table.Th>Name</Table.Th>
          <Table.Th>Source</Table.Th>
          <Table.Th>Status</Table.Th>
          {onRemove && <Table.Th>Action</Table.Th>}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {members.map((member) => (
          <Table.Tr key={member.userId}>
            <Table.Td>{member.email}</Table.Td>
            <Table.Td>{memberName(member) || '—'}</Table.Td>
            <Table.Td>{SOURCES[member.authSource] ?? member.authSource}</Table.Td>
            <Table.Td>
              <Badge
                color={member.status === 'active' ? 'green' : 'gray'}
                variant="dot"
                radius="sm"
                style={{ minWidth: 'max-content' }}
              >
                {member.status === 'active' ? 'Active' : 'Disabled'}
              </Badge>
            </Table.Td>
            {onRemove && (
              <Table.Td>
                <Button
                  variant="subtle"
                  color="red"
                  size="compact-sm"
                  loading={removing === member.userId}
                  onClick={() => onRemove(member)}
                  aria-label={`Remove ${member.email}`}
                >
                  Remove
                </Button>
              </Table.Td>
            )}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </ScrollableTable>
  );
}

const SOURCES: Record<string, string> = { local: 'Local', ldap: 'Directory', sso: 'Single sign-on' };
