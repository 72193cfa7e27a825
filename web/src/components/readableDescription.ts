/**
 * Styles for an input's description: Mantine draws it in the "dimmed" grey (3.3:1 on white, under
 * WCAG's 4.5:1, which axe reports as color-contrast); gray.7 reads as secondary and passes.
 */
export const READABLE_DESCRIPTION = { description: { color: 'var(--mantine-color-gray-7)' } };
