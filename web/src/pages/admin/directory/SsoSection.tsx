import { SimpleGrid, Switch, TagsInput, TextInput } from '@mantine/core';
import type { ChangeEvent } from 'react';

import type { FormValues } from './form';
import { CLOSED_DROPDOWN, type SectionProps } from './section';
import { SecretField } from './SecretField';
import { SettingsSection } from './SettingsSection';

type Sso = FormValues['sso'];

/** Single sign-on by a header from a trusted reverse proxy. */
export function SsoSection({ values, update, error }: SectionProps) {
  const sso = values.sso;
  const set = (change: Partial<Sso>) => update((v) => ({ ...v, sso: { ...v.sso, ...change } }));
  const text = (key: 'header' | 'secretHeader' | 'logoutUrl') => (e: ChangeEvent<HTMLInputElement>) =>
    set({ [key]: e.currentTarget.value });
  return (
    <SettingsSection
      id="sso"
      title="SSO"
      description="Sign-in by a header set by a reverse proxy that authenticated the user."
    >
      <Switch
        label="Header single sign-on"
        checked={sso.enabled}
        onChange={(e) => set({ enabled: e.currentTarget.checked })}
        error={error('sso.enabled')}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label="User header"
          value={sso.header}
          onChange={text('header')}
          error={error('sso.header')}
          spellCheck={false}
        />
        <TagsInput
          comboboxProps={CLOSED_DROPDOWN}
          label="Trusted proxies"
          description="Addresses or CIDRs of the proxies; press Enter after each"
          value={sso.trustedProxies}
          onChange={(trustedProxies) => set({ trustedProxies })}
          error={error('sso.trustedProxies')}
        />
        <TextInput
          label="Secret header"
          description="Optional: a header the proxy sends with a shared secret"
          value={sso.secretHeader}
          onChange={text('secretHeader')}
          error={error('sso.secretHeader')}
          spellCheck={false}
        />
        <SecretField
          label="Shared secret"
          noun="secret"
          secret={sso.secret}
          onChange={(secret) => set({ secret })}
          error={error('sso.secret')}
        />
        <TextInput
          label="Logout URL"
          description="Where sign-out sends the browser (the proxy's logout)"
          value={sso.logoutUrl}
          onChange={text('logoutUrl')}
          error={error('sso.logoutUrl')}
          spellCheck={false}
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Switch
          label="Create users on first sign-in"
          checked={sso.autoCreate}
          onChange={(e) => set({ autoCreate: e.currentTarget.checked })}
          error={error('sso.autoCreate')}
        />
        <Switch
          label="Strip the domain from the user name"
          description="alice@EXAMPLE.COM or EXAMPLE\alice signs in as alice"
          checked={sso.stripDomain}
          onChange={(e) => set({ stripDomain: e.currentTarget.checked })}
          error={error('sso.stripDomain')}
        />
      </SimpleGrid>
    </SettingsSection>
  );
}
