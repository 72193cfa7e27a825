const DATE_TIME = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/** A timestamp in the reader's locale and time zone ("—" when there is none). */
export function formatDateTime(value: string | Date | null | undefined): string {
  if (!value) return '—';
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? String(value) : DATE_TIME.format(date);
}

/** A `<time>` element: the locale's words for people, the ISO instant for machines. */
export function DateTimeText({
  value,
  fallback = '—',
}: {
  value: string | Date | null | undefined;
  fallback?: string;
}) {
  if (!value) return <>{fallback}</>;
  const date = value instanceof Date ? value : new Date(value);
  return <time dateTime={date.toISOString()}>{formatDateTime(date)}</time>;
}
