import { Alert, Autocomplete, Button, Group, SimpleGrid, Stack, Table, Text } from '@mantine/core';

import { ApiError } from '../../../api/client';
import { type AttributesReport, DirectoryError } from './api';
import { MAPPING_FIELDS } from './form';
import { CLOSED_DROPDOWN, type SectionProps } from './section';
import { SettingsSection } from './SettingsSection';

interface FetchProps {
  report?: AttributesReport;
  fetchError: unknown;
  fetching: boolean;
  onFetch: () => void;
}

/** Which directory attribute fills which profile field; "Fetch attributes" shows what the directory has. */
export function MappingSection({
  values,
  update,
  error,
  report,
  fetchError,
  fetching,
  onFetch,
}: SectionProps & FetchProps) {
  const names = report?.attributes.map((a) => a.name) ?? [];
  const proposal = Object.entries(report?.proposedMapping ?? {}).filter(([, name]) => name);

  function applyProposal() {
    update((v) => ({ ...v, attributeMap: { ...v.attributeMap, ...Object.fromEntries(proposal) } }));
  }

  return (
    <SettingsSection
      id="mapping"
      title="Attribute mapping"
      description="Fetch attributes connects with the values on screen, samples users from every scope and lists what they carry."
    >
      <Group gap="sm">
        <Button variant="default" onClick={onFetch} loading={fetching}>
          Fetch attributes
        </Button>
        <Button variant="default" onClick={applyProposal} disabled={proposal.length === 0}>
          Apply proposed mapping
        </Button>
        {proposal.length > 0 && (
          <Text size="sm" c="dimmed">
            Proposed: {proposal.map(([field, name]) => `${field} ← ${name}`).join(', ')}
          </Text>
        )}
      </Group>
      {fetchError != null && <FetchError error={fetchError} />}
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        {MAPPING_FIELDS.map(({ field, label }) => (
          <Autocomplete
            comboboxProps={CLOSED_DROPDOWN}
            key={field}
            label={label}
            data={names}
            value={values.attributeMap[field]}
            onChange={(name) => update((v) => ({ ...v, attributeMap: { ...v.attributeMap, [field]: name } }))}
            error={error(`attributeMap.${field}`) ?? (field === 'email' ? error('attributeMap') : undefined)}
            spellCheck={false}
          />
        ))}
      </SimpleGrid>
      {report && <AttributesTable report={report} />}
    </SettingsSection>
  );
}

function FetchError({ error }: { error: unknown }) {
  const hint = error instanceof DirectoryError ? error.hint : undefined;
  const fieldErrors = error instanceof ApiError && Object.keys(error.fields).length > 0;
  return (
    <Alert color="red" title="Could not fetch attributes" role="alert">
      <Stack gap={4}>
        <Text size="sm">{error instanceof Error ? error.message : String(error)}</Text>
        {hint && <Text size="sm">What to check: {hint}</Text>}
        {fieldErrors && <Text size="sm">The fields marked on this page need attention.</Text>}
      </Stack>
    </Alert>
  );
}

function AttributesTable({ report }: { report: AttributesReport }) {
  if (report.attributes.length === 0) {
    return (
      <Text size="sm">No entries found in the scopes, so no attributes to show. Check the scope DNs and filters.</Text>
    );
  }
  return (
    <Table striped withTableBorder layout="fixed" verticalSpacing={4} fz="sm">
      <Table.Caption>
        {report.attributes.length} attributes in {report.sampled} sampled {report.sampled === 1 ? 'entry' : 'entries'}
      </Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th w="32%">Attribute</Table.Th>
          <Table.Th>Example</Table.Th>
          <Table.Th w={90}>Entries</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {report.attributes.map((a) => (
          <Table.Tr key={a.name}>
            <Table.Td style={{ overflowWrap: 'anywhere' }}>{a.name}</Table.Td>
            <Table.Td style={{ overflowWrap: 'anywhere' }}>{a.example}</Table.Td>
            <Table.Td>
              {a.entries} of {report.sampled}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
