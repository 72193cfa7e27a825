import type { FormValues } from './form';

/** What every section gets: the values, a way to change them, and the server's error for a field path. */
export interface SectionProps {
  values: FormValues;
  update: (change: (values: FormValues) => FormValues) => void;
  error: (path: string) => string | undefined;
}

/**
 * For Select, Autocomplete and TagsInput: Mantine keeps a closed dropdown's listbox in the page,
 * labelled like its input, so a closed field has two elements with its label; unmount it instead.
 */
export const CLOSED_DROPDOWN = { keepMounted: false } as const;
