import { Title } from '@mantine/core';

/** Placeholder until the page is built. */
export default function ImportPage() {
  return <Title order={1}>ImportPage</Title>;
}
