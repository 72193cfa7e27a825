import { Center, Loader } from '@mantine/core';

/** A centred spinner with a label for screen readers. */
export function Loading({ label }: { label: string }) {
  return (
    <Center h={200} role="status" aria-label={label}>
      <Loader />
    </Center>
  );
}
