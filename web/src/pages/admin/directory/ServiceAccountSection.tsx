import { SimpleGrid, TextInput } from '@mantine/core';

import type { SectionProps } from './section';
import { SecretField } from './SecretField';
import { SettingsSection } from './SettingsSection';

/** The account the console binds as to search the directory. */
export function ServiceAccountSection({ values, update, error }: SectionProps) {
  return (
    <SettingsSection id="service-account" title="Service account" description="Who the app binds as to look users up.">
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label="Bind DN"
          description="e.g. cn=svc-helpdesk,ou=services,dc=example,dc=com"
          value={values.bindDn}
          onChange={(e) => {
            const bindDn = e.currentTarget.value;
            update((v) => ({ ...v, bindDn }));
          }}
          error={error('bindDn')}
          autoComplete="off"
          spellCheck={false}
        />
        <TextInput
          label="Bind username"
          description="Optional: a plain name is bound as cn=<name>,<Bind DN>; user@domain or DOMAIN\user as given"
          value={values.bindUsername}
          onChange={(e) => {
            const bindUsername = e.currentTarget.value;
            update((v) => ({ ...v, bindUsername }));
          }}
          error={error('bindUsername')}
          autoComplete="off"
          spellCheck={false}
        />
      </SimpleGrid>
      <SecretField
        label="Bind password"
        noun="password"
        secret={values.bindPassword}
        onChange={(bindPassword) => update((v) => ({ ...v, bindPassword }))}
        error={error('bindPassword')}
      />
    </SettingsSection>
  );
}
