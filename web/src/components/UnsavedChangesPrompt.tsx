import { Button, Group, Modal, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';

/**
 * Asks before unsaved changes are left behind: the browser's own prompt on reload or close
 * (beforeunload), and a dialog when an in-app link is clicked. The app uses <BrowserRouter>, where
 * react-router's useBlocker is not available, so link clicks are caught before the router sees
 * them (capture phase on document). The browser's Back button is not caught.
 */
export function UnsavedChangesPrompt({ when }: { when: boolean }) {
  const navigate = useNavigate();
  const [target, setTarget] = useState<string | null>(null);

  useEffect(() => {
    if (!when) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = '';
    };
    const onClick = (event: MouseEvent) => {
      if (
        event.defaultPrevented ||
        event.button !== 0 ||
        event.metaKey ||
        event.ctrlKey ||
        event.shiftKey ||
        event.altKey
      )
        return;
      const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
      if (
        !(link instanceof HTMLAnchorElement) ||
        (link.target && link.target !== '_self') ||
        link.hasAttribute('download')
      )
        return;
      const url = new URL(link.href, window.location.href);
      if (url.origin !== window.location.origin) return; // leaving the app: beforeunload asks
      const path = url.pathname + url.search + url.hash;
      if (path === window.location.pathname + window.location.search + window.location.hash) return;
      event.preventDefault();
      event.stopPropagation();
      setTarget(path);
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    document.addEventListener('click', onClick, true);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      document.removeEventListener('click', onClick, true);
    };
  }, [when]);

  function leave() {
    const path = target;
    setTarget(null);
    if (path) navigate(path);
  }

  return (
    <Modal opened={target !== null} onClose={() => setTarget(null)} title="Leave without saving?" centered>
      <Text size="sm">You have unsaved changes on this page. If you leave, they are lost.</Text>
      <Group justify="flex-end" mt="md">
        <Button variant="default" onClick={() => setTarget(null)} data-autofocus>
          Stay on this page
        </Button>
        <Button color="red" onClick={leave}>
          Leave and discard changes
        </Button>
      </Group>
    </Modal>
  );
}
