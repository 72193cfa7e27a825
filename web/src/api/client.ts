import createClient from 'openapi-fetch';

import { reportOnline, reportOffline } from './connection';
import type { paths } from './schema';

/**
 * The one way the console talks to the API: typed by the OpenAPI document (schema.d.ts is
 * generated from it). Every call carries X-Requested-With, which the API requires on
 * state-changing calls made with the session cookie (cross-site request forgery guard).
 */
export const api = createClient<paths>({
  baseUrl: '',
  credentials: 'same-origin',
  headers: { 'X-Requested-With': 'helpdesk-console' },
  fetch: async (request: Request) => {
    try {
      const response = await globalThis.fetch(request);
      reportOnline();
      return response;
    } catch (error) {
      reportOffline();
      throw new ApiError(0, 'Cannot reach the server. Check your connection; the page retries by itself.', {});
    }
  },
});

/** An API answer other than 2xx, with the server's message and field errors (from a 400). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields: Record<string, string[]>,
    readonly retryAfterSeconds: number | null = null,
    /** The whole error body, for the fields an answer adds (such as a 409's `runId`). */
    readonly body: Record<string, unknown> = {},
  ) {
    super(message);
  }

  /** The message for one field (dotted path, e.g. `sync.schedule`), if the server gave one. */
  field(path: string): string | undefined {
    return this.fields[path]?.join('; ');
  }
}

interface ErrorBody {
  message?: string | string[];
  fields?: Record<string, string[]>;
}

/** Turns an openapi-fetch result into its data, or throws an ApiError carrying the server's words. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (response.ok) return data as T;
  const body = (error ?? {}) as ErrorBody;
  const messages = Array.isArray(body.message) ? body.message : body.message ? [body.message] : [];
  const retry = response.headers.get('Retry-After');
  throw new ApiError(
    response.status,
    messages.join('; ') || response.statusText || `the server answered ${response.status}`,
    body.fields ?? {},
    retry && /^\d+$/.test(retry) ? Number(retry) : null,
    typeof error === 'object' && error !== null ? (error as Record<string, unknown>) : {},
  );
}
