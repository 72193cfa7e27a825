import { Title } from '@mantine/core';

/** Placeholder until the page is built. */
export default function UsersPage() {
  return <Title order={1}>UsersPage</Title>;
}
