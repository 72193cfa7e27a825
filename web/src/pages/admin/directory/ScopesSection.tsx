import {
  ActionIcon,
  Autocomplete,
  Button,
  Group,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Switch,
  TagsInput,
  Text,
  TextInput,
} from '@mantine/core';

import { scopeRow } from './form';
import { CLOSED_DROPDOWN, type SectionProps } from './section';
import { SettingsSection } from './SettingsSection';

/** "DNs and Filters": who may sign in and who is imported, and how users are recognised. */
export function ScopesSection({ values, update, error, attributeNames }: SectionProps & { attributeNames: string[] }) {
  const setScope = (key: number, change: { dn?: string; filter?: string }) =>
    update((v) => ({ ...v, searchScopes: v.searchScopes.map((s) => (s.key === key ? { ...s, ...change } : s)) }));

  return (
    <SettingsSection
      id="scopes"
      title="Import & Authentication: DNs and Filters"
      description="Where users live and who counts as one. Sign-in looks the login up in each scope in order."
    >
      <TagsInput
        comboboxProps={CLOSED_DROPDOWN}
        label="Login attributes"
        description="What people type to sign in; press Enter after each"
        data={attributeNames}
        value={values.loginAttributes}
        onChange={(loginAttributes) => update((v) => ({ ...v, loginAttributes }))}
        error={error('loginAttributes')}
        clearable
      />
      <Stack gap="xs">
        <Text fw={600} size="sm" id="scopes-list-label">
          Search scopes
        </Text>
        {values.searchScopes.length === 0 && (
          <Text size="sm" c="dimmed">
            No scope yet: add one, or pick a preset above.
          </Text>
        )}
        <Stack gap="xs" role="list" aria-labelledby="scopes-list-label">
          {values.searchScopes.map((scope, index) => (
            <Paper key={scope.key} withBorder p="xs" role="listitem">
              <Group align="flex-start" gap="xs" wrap="nowrap">
                <SimpleGrid cols={{ base: 1, sm: 2 }} style={{ flex: 1 }}>
                  <TextInput
                    label="Scope DN"
                    aria-label={`Scope ${index + 1} DN`}
                    placeholder="e.g. ou=people,dc=example,dc=com"
                    value={scope.dn}
                    onChange={(e) => setScope(scope.key, { dn: e.currentTarget.value })}
                    error={error(`searchScopes.${index}.dn`) ?? error(`searchScopes.${index}`)}
                    spellCheck={false}
                  />
                  <TextInput
                    label="Scope filter"
                    aria-label={`Scope ${index + 1} filter`}
                    placeholder="e.g. (objectClass=inetOrgPerson)"
                    value={scope.filter}
                    onChange={(e) => setScope(scope.key, { filter: e.currentTarget.value })}
                    error={error(`searchScopes.${index}.filter`)}
                    spellCheck={false}
                  />
                </SimpleGrid>
                <ActionIcon
                  variant="default"
                  size="lg"
                  mt={25}
                  aria-label={`Remove scope ${index + 1}`}
                  onClick={() =>
                    update((v) => ({ ...v, searchScopes: v.searchScopes.filter((s) => s.key !== scope.key) }))
                  }
                >
                  <span aria-hidden>✕</span>
                </ActionIcon>
              </Group>
            </Paper>
          ))}
        </Stack>
        {error('searchScopes') && (
          <Text size="sm" c="red.8" role="alert">
            {error('searchScopes')}
          </Text>
        )}
        <Group>
          <Button
            variant="default"
            onClick={() =>
              update((v) => ({
                ...v,
                searchScopes: [...v.searchScopes, scopeRow('', v.searchScopes.at(-1)?.filter ?? '')],
              }))
            }
          >
            Add scope
          </Button>
        </Group>
      </Stack>
      <Switch
        label="Allow sign-in for everyone under the service account's DN"
        description="Also outside the scopes below; the connection test warns when that lets more people in"
        checked={values.allowBindDnScopeLogin}
        onChange={(e) => {
          const allowBindDnScopeLogin = e.currentTarget.checked;
          update((v) => ({ ...v, allowBindDnScopeLogin }));
        }}
        error={error('allowBindDnScopeLogin')}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Autocomplete
          comboboxProps={CLOSED_DROPDOWN}
          label="Stable id attribute"
          description="Empty: the first of objectGUID, entryUUID, ipaUniqueID, nsUniqueId"
          data={attributeNames}
          value={values.uidAttribute}
          onChange={(uidAttribute) => update((v) => ({ ...v, uidAttribute }))}
          error={error('uidAttribute')}
          spellCheck={false}
        />
        <NumberInput
          label="Page size"
          description="Entries per page when searching"
          value={values.pageSize}
          onChange={(pageSize) => update((v) => ({ ...v, pageSize }))}
          error={error('pageSize')}
          min={10}
          max={5000}
          allowDecimal={false}
        />
      </SimpleGrid>
    </SettingsSection>
  );
}
