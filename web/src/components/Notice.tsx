import { Alert, type AlertProps } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * Mantine's Alert with its title in the text colour: the light variant's coloured title falls
 * under 4.5:1 on its tinted background for orange, yellow and blue (axe: color-contrast). The tint
 * and the words still say what kind of notice it is.
 */
export function Notice({ children, styles, ...props }: AlertProps & { children: ReactNode }) {
  return (
    <Alert variant="light" styles={{ title: { color: 'var(--mantine-color-text)' }, ...(styles as object) }} {...props}>
      {children}
    </Alert>
  );
}
