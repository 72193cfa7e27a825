import { Code, Stack, Table, Text } from '@mantine/core';
import type { UseMutationResult } from '@tanstack/react-query';

import { ApiError } from '../../../api/client';
import { Notice } from '../../../components/Notice';
import { ScrollableTable } from '../../../components/ScrollableTable';
import type { MailboxPreviewView } from './mailboxes-api';

/** Who the filter matches in the directory: the count, the first 20, and any limit that stopped the search. */
export function FilterPreview({ preview }: { preview: UseMutationResult<MailboxPreviewView, Error, string> }) {
  return (
    <div>
      <div role="status">
        {preview.isPending && (
          <Text size="sm" mt="xs">
            Searching the directory…
          </Text>
        )}
        {preview.data && <Headline result={preview.data} filter={preview.variables ?? ''} />}
      </div>
      {preview.error && !(preview.error instanceof ApiError && preview.error.status === 400) && (
        <PreviewError error={preview.error} />
      )}
      {preview.data && <PreviewResult result={preview.data} />}
    </div>
  );
}

function PreviewError({ error }: { error: Error }) {
  const status = error instanceof ApiError ? error.status : 0;
  const title =
    status === 409
      ? 'No directory to preview against'
      : status === 502
        ? 'The directory answered with an error'
        : 'Preview failed';
  return (
    <Notice color="red" title={title} mt="xs" role="alert">
      {error.message}
    </Notice>
  );
}

function Headline({ result, filter }: { result: MailboxPreviewView; filter: string }) {
  const count = result.count.toLocaleString();
  const headline = result.countExact
    ? `${count} directory ${result.count === 1 ? 'user matches' : 'users match'}`
    : `At least ${count} directory users match`;
  return (
    <Text size="sm" mt="sm">
      <strong>{headline}</strong> <Code style={{ overflowWrap: 'anywhere' }}>{filter}</Code> in the search scopes (
      {result.elapsedMs.toLocaleString()} ms).
    </Text>
  );
}

function PreviewResult({ result }: { result: MailboxPreviewView }) {
  return (
    <Stack gap="xs" mt="xs">
      {(result.notes ?? []).map((note) => (
        <Notice key={note} color="blue" title="The filter was written in RFC 4515 form">
          <span style={{ overflowWrap: 'anywhere' }}>{note}</span>
        </Notice>
      ))}
      {result.limitExceeded && (
        <Notice color="yellow" title="The preview stopped at a limit">
          The search stopped early: {result.limitExceeded}. The count is a lower bound; a narrower filter gives an exact
          one. The import itself has no such limit.
        </Notice>
      )}
      {result.users.length > 0 && (
        <>
          {result.count > result.users.length && (
            <Text size="xs" c="gray.7">
              The first {result.users.length} of them:
            </Text>
          )}
          <ScrollableTable label="Directory users the filter matches" minWidth={640} maxHeight={360}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>DN</Table.Th>
                <Table.Th>Email</Table.Th>
                <Table.Th>Name</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {result.users.map((user) => (
                <Table.Tr key={user.dn}>
                  <Table.Td style={{ wordBreak: 'break-all' }}>{user.dn}</Table.Td>
                  <Table.Td>{user.email ?? '—'}</Table.Td>
                  <Table.Td>{user.name ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </ScrollableTable>
        </>
      )}
    </Stack>
  );
}
