import { createTheme } from '@mantine/core';

/** Default Mantine look; a darker primary shade keeps text on buttons above 4.5:1 contrast. */
export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: 8,
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif',
});
