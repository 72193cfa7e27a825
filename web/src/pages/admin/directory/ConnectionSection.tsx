import { NumberInput, Select, SimpleGrid, Stack, Switch, Textarea, TextInput } from '@mantine/core';

import { splitHostField } from '../../../components/serverAddress';

import type { Encryption } from './api';
import { BackupServers } from './BackupServers';
import { CLOSED_DROPDOWN, type SectionProps } from './section';
import { SettingsSection } from './SettingsSection';

const ENCRYPTION = [
  { value: 'starttls', label: 'StartTLS' },
  { value: 'ssl', label: 'SSL (LDAPS)' },
  { value: 'none', label: 'None (clear text)' },
];

/** Where the directory is and how the connection is secured. */
export function ConnectionSection(props: SectionProps) {
  const { values, update, error } = props;
  return (
    <SettingsSection id="connection" title="Connection">
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput
            label="Host"
            description="Host name, IP, or an ldap:// or ldaps:// URL (its port and encryption fill the fields beside)"
            value={values.host}
            onChange={(e) => {
              const host = e.currentTarget.value;
              update((v) => ({ ...v, host }));
            }}
            onBlur={() => {
              // a URL or host:port fills Port (and Encryption for ldaps://) at once, not at the save
              const split = splitHostField(values.host, values.encryption);
              if (split) update((v) => ({ ...v, ...split }));
            }}
            error={error('host')}
            autoComplete="off"
            spellCheck={false}
          />
          <NumberInput
            label="Port"
            description="389 for StartTLS or none, 636 for SSL"
            value={values.port}
            onChange={(port) => update((v) => ({ ...v, port }))}
            error={error('port')}
            min={1}
            max={65535}
            allowDecimal={false}
          />
          <Select
            comboboxProps={CLOSED_DROPDOWN}
            label="Encryption"
            description="A failed StartTLS is an error, never clear text"
            data={ENCRYPTION}
            value={values.encryption}
            onChange={(encryption) => encryption && update((v) => ({ ...v, encryption: encryption as Encryption }))}
            error={error('encryption')}
            allowDeselect={false}
          />
        </SimpleGrid>
        <BackupServers {...props} />
        <TextInput
          label="SRV domain"
          description="Also use the servers a DNS domain publishes as _ldap._tcp.<domain> SRV records (for Active Directory: the AD domain), after the servers above; Host may then stay empty. Empty: none."
          placeholder="e.g. corp.example.com"
          value={values.srvDomain}
          onChange={(e) => {
            const srvDomain = e.currentTarget.value;
            update((v) => ({ ...v, srvDomain }));
          }}
          error={error('srvDomain')}
          autoComplete="off"
          spellCheck={false}
        />
        <Textarea
          label="CA certificate"
          description="PEM; replaces the system trust store for this connection. Empty: the system trust store."
          value={values.caCertificate}
          onChange={(e) => {
            const caCertificate = e.currentTarget.value;
            update((v) => ({ ...v, caCertificate }));
          }}
          error={error('caCertificate')}
          autosize
          minRows={2}
          maxRows={8}
          spellCheck={false}
          styles={{ input: { fontFamily: 'monospace' } }}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Switch
            label="Verify certificate"
            description="Turn off only to diagnose; the password then goes to any server that answers"
            checked={values.verifyCertificate}
            onChange={(e) => {
              const verifyCertificate = e.currentTarget.checked;
              update((v) => ({ ...v, verifyCertificate }));
            }}
            error={error('verifyCertificate')}
          />
          <NumberInput
            label="Timeout (ms)"
            value={values.timeoutMs}
            onChange={(timeoutMs) => update((v) => ({ ...v, timeoutMs }))}
            error={error('timeoutMs')}
            min={500}
            max={60000}
            step={500}
            allowDecimal={false}
          />
        </SimpleGrid>
      </Stack>
    </SettingsSection>
  );
}
