import { Badge, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';

import { api, unwrap } from '../../api/client';
import type { Me } from '../../api/session';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';

const PROFILE_FIELDS = [
  { key: 'email', label: 'Email' },
  { key: 'firstName', label: 'First name' },
  { key: 'lastName', label: 'Last name' },
  { key: 'jobTitle', label: 'Job title' },
  { key: 'phone', label: 'Phone' },
] as const;

/** The agent's mailboxes and profile; fields the directory supplies are marked and read-only. */
export function HomePage({ me }: { me: Me }) {
  const mailboxes = useQuery({ queryKey: ['my-mailboxes'], queryFn: () => unwrap(api.GET('/api/mailboxes')) });
  const directoryFields = new Set<string>(me.directoryFields);

  return (
    <Stack gap="lg">
      <Title order={1}>My mailboxes</Title>
      {mailboxes.isPending ? (
        <Loading label="Loading your mailboxes" />
      ) : mailboxes.isError ? (
        <LoadError error={mailboxes.error} onRetry={() => mailboxes.refetch()} />
      ) : mailboxes.data.length === 0 ? (
        <Text>
          You are not a member of any mailbox yet. An administrator assigns mailboxes, by hand or by directory group.
        </Text>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} aria-label="Mailboxes">
          {mailboxes.data.map((mailbox) => (
            <Card key={mailbox.id} withBorder>
              <Text fw={600}>{mailbox.name}</Text>
              <Text size="sm" c="dimmed">
                {mailbox.email ?? 'no address'}
              </Text>
            </Card>
          ))}
        </SimpleGrid>
      )}
      <Title order={2}>Profile</Title>
      <Table variant="vertical" withTableBorder maw={640} aria-label="Profile">
        <Table.Tbody>
          {PROFILE_FIELDS.map((field) => (
            <Table.Tr key={field.key}>
              <Table.Th w={140}>{field.label}</Table.Th>
              <Table.Td>
                <Group gap="xs" justify="space-between" wrap="wrap">
                  <Text size="sm">{me[field.key] || '—'}</Text>
                  {directoryFields.has(field.key) && (
                    <Badge
                      variant="light"
                      color="gray"
                      style={{ flexShrink: 0, overflow: 'visible' }}
                      title="This field comes from the directory and can only be changed there"
                    >
                      from directory · read-only
                    </Badge>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
          <Table.Tr>
            <Table.Th>Signed in with</Table.Th>
            <Table.Td>
              {me.authSource === 'ldap'
                ? 'Directory (LDAP)'
                : me.authSource === 'sso'
                  ? 'Single sign-on'
                  : 'Local password'}
            </Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
