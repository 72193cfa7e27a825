import type { FormValues } from './form';

/** What every section gets: the values, a way to change them, and the server's error for a field path. */
export interface SectionProps {
  values: FormValues;
  update: (change: (values: FormValues) => FormValues) => void;
  error: (path: string) => string | undefined;
}
