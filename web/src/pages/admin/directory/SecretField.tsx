import { Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useEffect, useRef } from 'react';

import type { Secret } from './form';

interface Props {
  label: string;
  /** Names the buttons ("Change password"), kept apart from the field's label so the label stays unique. */
  noun: string;
  secret: Secret;
  onChange: (secret: Secret) => void;
  error?: string;
  description?: string;
}

/**
 * A write-only secret: a stored one is shown as "stored (kept)" and sent back only when changed;
 * "Change" opens an empty password field, "Keep stored" closes it again.
 */
export function SecretField({ label, noun, secret, onChange, error, description }: Props) {
  const input = useRef<HTMLInputElement>(null);
  const wasChanging = useRef(secret.changing);
  useEffect(() => {
    if (secret.changing && !wasChanging.current) input.current?.focus();
    wasChanging.current = secret.changing;
  }, [secret.changing]);

  if (secret.stored && !secret.changing) {
    return (
      <Stack gap={6} align="flex-start">
        <TextInput label={label} value="stored (kept)" readOnly error={error} description={description} w="100%" />
        <Button
          variant="default"
          size="xs"
          aria-label={`Change ${noun}`}
          onClick={() => onChange({ ...secret, changing: true, value: '' })}
        >
          Change
        </Button>
      </Stack>
    );
  }
  return (
    <Stack gap={6} align="flex-start">
      <PasswordInput
        ref={input}
        label={label}
        value={secret.value}
        onChange={(e) => onChange({ ...secret, value: e.currentTarget.value })}
        error={error}
        description={description ?? (secret.stored ? 'A new value replaces the stored one' : undefined)}
        autoComplete="new-password"
        w="100%"
      />
      {secret.stored && (
        <Button
          variant="default"
          size="xs"
          aria-label={`Keep stored ${noun}`}
          onClick={() => onChange({ ...secret, changing: false, value: '' })}
        >
          Keep stored
        </Button>
      )}
    </Stack>
  );
}
