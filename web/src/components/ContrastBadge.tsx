import { Badge, type BadgeProps } from '@mantine/core';
import type { ReactNode } from 'react';

// Mantine's light badges draw text in shade 6, under 4.5:1 on their tinted background (axe:
// color-contrast); shade 9 keeps the hue and passes for red and blue, the lighter hues need dark text.
const TEXT: Record<string, string> = {
  yellow: 'dark.7',
  orange: 'dark.7',
  teal: 'dark.7',
  green: 'dark.7',
  gray: 'gray.8',
};

/** A light badge whose words stay readable; the words carry the meaning, the colour repeats it. */
export function ContrastBadge({
  color,
  children,
  ...props
}: { color: string; children: ReactNode } & Omit<BadgeProps, 'color' | 'variant'>) {
  return (
    <Badge variant="light" color={color} c={TEXT[color] ?? `${color}.9`} style={{ minWidth: 'max-content' }} {...props}>
      {children}
    </Badge>
  );
}
