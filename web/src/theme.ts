import { createTheme, type CSSVariablesResolver } from '@mantine/core';

/** Default Mantine look; a darker primary shade keeps text on buttons above 4.5:1 contrast. */
export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: 8,
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif',
});

/**
 * Mantine's dimmed grey (gray.6) and error red (red.6) are about 3.3:1 on white, below WCAG's
 * 4.5:1 for text (axe "color-contrast"); one shade darker each is above it, on every page.
 */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-8)',
  },
  dark: {},
});
