import { Title } from '@mantine/core';

/** Placeholder until the page is built. */
export default function DirectoryPage() {
  return <Title order={1}>DirectoryPage</Title>;
}
