import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';

import { api, ApiError, unwrap } from '../../../api/client';
import type { operations } from '../../../api/schema';
import type { Schemas } from '../../../api/types';

export type LogLevel = Schemas['LogLevel'];
export type LogLine = Schemas['LogLineView'];
type LogQuery = NonNullable<operations['Logs_ldap']['parameters']['query']>;

export const LEVELS: LogLevel[] = ['debug', 'info', 'warn', 'error'];
const TEXT_KEYS = ['event', 'runId', 'q', 'from', 'to'] as const;
export const FILTER_KEYS = ['level', 'event', 'runId', 'q', 'from', 'to'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type LogFilters = Record<FilterKey, string> & { page: number };

export const PAGE_SIZE = 50;

/** The filters, kept in the address so a link (the import page's "log lines of this run") reproduces the view. */
export function useLogFilters(): [LogFilters, (change: Partial<LogFilters>) => void] {
  const [params, setParams] = useSearchParams();
  const text = (key: FilterKey) => params.get(key) ?? '';
  const filters: LogFilters = {
    level: text('level'),
    event: text('event'),
    runId: text('runId'),
    q: text('q'),
    from: text('from'),
    to: text('to'),
    page: Math.max(1, Number(params.get('page')) || 1),
  };
  const update = (change: Partial<LogFilters>) => {
    const next: LogFilters = { ...filters, page: 1, ...change };
    const query = new URLSearchParams();
    for (const key of FILTER_KEYS) if (next[key]) query.set(key, next[key]);
    if (next.page > 1) query.set('page', String(next.page));
    setParams(query, { replace: true });
  };
  return [filters, update];
}

/** One page of log lines, newest first; every 5 seconds while auto-refresh is on. */
export function useLogLines(filters: LogFilters, autoRefresh: boolean) {
  const query: LogQuery = { page: filters.page, pageSize: PAGE_SIZE };
  for (const key of TEXT_KEYS) if (filters[key]) query[key] = filters[key];
  // A level typed into the address that the API does not know is dropped rather than sent.
  const level = LEVELS.find((known) => known === filters.level);
  if (level) query.level = level;
  return useQuery({
    queryKey: ['admin', 'logs', query],
    queryFn: () => unwrap(api.GET('/api/admin/logs/ldap', { params: { query } })),
    placeholderData: keepPreviousData,
    refetchInterval: autoRefresh ? 5_000 : false,
  });
}

/** The server's message for one query parameter: by field when the API gives fields, else the message naming it. */
export function fieldError(error: unknown, key: FilterKey): string | undefined {
  if (!(error instanceof ApiError) || error.status !== 400) return undefined;
  return (
    error.field(key) ??
    (error.message
      .split('; ')
      .filter((m) => m.startsWith(`${key} `))
      .join('; ') ||
      undefined)
  );
}
