import { Title } from '@mantine/core';

/** Placeholder until the page is built. */
export default function MailboxPage() {
  return <Title order={1}>MailboxPage</Title>;
}
