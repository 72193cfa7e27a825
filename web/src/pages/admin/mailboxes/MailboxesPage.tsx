import { Title } from '@mantine/core';

/** Placeholder until the page is built. */
export default function MailboxesPage() {
  return <Title order={1}>MailboxesPage</Title>;
}
