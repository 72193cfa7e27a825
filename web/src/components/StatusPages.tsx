import { Anchor, Container, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';

/** Shown to an agent who opens an admin address. */
export function NotAllowed() {
  return (
    <Container size="sm" py="xl">
      <Stack>
        <Title order={1}>Not allowed</Title>
        <Text>This page is for administrators. Your account does not have the admin role.</Text>
        <Anchor component={Link} to="/">
          Back to your mailboxes
        </Anchor>
      </Stack>
    </Container>
  );
}

export function NotFound() {
  return (
    <Container size="sm" py="xl">
      <Stack>
        <Title order={1}>Page not found</Title>
        <Text>There is no page at this address.</Text>
        <Anchor component={Link} to="/">
          Back to the start
        </Anchor>
      </Stack>
    </Container>
  );
}
