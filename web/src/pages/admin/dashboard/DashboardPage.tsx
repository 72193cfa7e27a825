import { Title } from '@mantine/core';

/** Placeholder until the page is built. */
export default function DashboardPage() {
  return <Title order={1}>DashboardPage</Title>;
}
