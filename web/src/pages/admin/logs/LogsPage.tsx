import { Title } from '@mantine/core';

/** Placeholder until the page is built. */
export default function LogsPage() {
  return <Title order={1}>LogsPage</Title>;
}
