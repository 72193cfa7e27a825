import { SimpleGrid, Text } from '@mantine/core';
import type { ReactNode } from 'react';

export interface Figure {
  label: string;
  value: ReactNode;
}

/** Labelled numbers in a grid (a description list: each value is read with its label). */
export function Figures({
  figures,
  cols = { base: 2, xs: 3, md: 4 },
}: {
  figures: Figure[];
  cols?: Record<string, number> | number;
}) {
  return (
    <SimpleGrid component="dl" cols={cols} spacing="sm" verticalSpacing="sm" m={0}>
      {figures.map((figure) => (
        <div key={figure.label}>
          <Text component="dt" size="xs" c="gray.7" tt="uppercase" fw={600}>
            {figure.label}
          </Text>
          <Text component="dd" size="xl" fw={700} m={0} style={{ fontVariantNumeric: 'tabular-nums' }}>
            {figure.value}
          </Text>
        </div>
      ))}
    </SimpleGrid>
  );
}
