import { directoryServerUp } from '../../metrics/instruments.js';
import { LdapError } from '../ldap.error.js';

/** First back-off after a server is marked down, in ms; doubled at each failed retry. */
export const BACK_OFF_START_MS = 10_000;
/** Longest back-off, in ms. */
export const BACK_OFF_MAX_MS = 5 * 60_000;

/** A change of a server's state, told to listeners once (not per request). */
export type ServerHealthEvent =
  | { kind: 'down'; server: string; reason: string; backOffMs: number }
  | { kind: 'still-down'; server: string; reason: string; backOffMs: number }
  | { kind: 'up'; server: string; downForMs: number };

interface DownState {
  /** Failed tries in a row (1 when marked down). */
  failures: number;
  since: number;
  retryAt: number;
  /** A caller is trying the server again after its back-off: the others keep away meanwhile. */
  retrying: boolean;
}

/** The codes that say the server, not the request, failed: it did not answer, or the connection was lost. */
const SERVER_DOWN_CODES = new Set(['UNREACHABLE', 'DNS', 'TIMEOUT', 'TLS']);

/** The server did not answer (refused, silent, TLS failed) or the connection was lost: not an LDAP result. */
export function isServerDown(error: unknown): boolean {
  return error instanceof LdapError && SERVER_DOWN_CODES.has(error.code);
}

/** Back-off after the n-th failure in a row (n >= 1): 10 s, 20 s, 40 s … 5 min. */
export function backOffMs(failures: number): number {
  return Math.min(BACK_OFF_MAX_MS, BACK_OFF_START_MS * 2 ** Math.min(failures - 1, 20));
}

/**
 * Which directory servers are usable, process-wide, keyed by "host:port". A server that failed is
 * marked down for a back-off (backOffMs); once it ends, one caller at a time tries it again: an
 * answer takes it back (and resets the back-off), another failure doubles it. Feeds the
 * helpdesk_ldap_server_up gauge. `now` is injectable for tests (ms, like Date.now).
 */
export class ServerHealth {
  private readonly down = new Map<string, DownState>();
  private readonly listeners = new Set<(event: ServerHealthEvent) => void>();

  constructor(private readonly now: () => number = () => Date.now()) {}

  /** Listens to state changes; returns the function that stops listening. */
  subscribe(listener: (event: ServerHealthEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Marked down (back-off running, or a retry in flight). */
  isDown(server: string): boolean {
    return this.down.has(server);
  }

  /**
   * Whether a caller may try the server now: it is up, or its back-off ended and nobody is
   * retrying it yet (then this caller is the one: report the outcome with succeeded or failed).
   */
  claim(server: string): boolean {
    const state = this.down.get(server);
    if (!state) return true;
    if (state.retrying || this.now() < state.retryAt) return false;
    state.retrying = true;
    return true;
  }

  /** Up, or down with its back-off over and no retry in flight: a connection would try it. */
  wouldTry(server: string): boolean {
    const state = this.down.get(server);
    return !state || (!state.retrying && this.now() >= state.retryAt);
  }

  /** The server answered: taken back if it was down. */
  succeeded(server: string): void {
    directoryServerUp.set({ server }, 1);
    const state = this.down.get(server);
    if (!state) return;
    this.down.delete(server);
    this.emit({ kind: 'up', server, downForMs: this.now() - state.since });
  }

  /**
   * The server failed (see isServerDown; or its answer to the service bind was an error): marked
   * down, or, when this was the retry after a back-off, down for twice as long. Failures of
   * requests already under way when it was marked down change nothing.
   */
  failed(server: string, error: unknown): void {
    directoryServerUp.set({ server }, 0);
    const reason = describe(error);
    const now = this.now();
    const state = this.down.get(server);
    if (!state) {
      const ms = backOffMs(1);
      this.down.set(server, { failures: 1, since: now, retryAt: now + ms, retrying: false });
      return this.emit({ kind: 'down', server, reason, backOffMs: ms });
    }
    if (!state.retrying && now < state.retryAt) return;
    state.failures += 1;
    state.retrying = false;
    state.retryAt = now + backOffMs(state.failures);
    this.emit({ kind: 'still-down', server, reason, backOffMs: backOffMs(state.failures) });
  }

  /** A retry that ended without an outcome (the caller gave up before trying): others may retry. */
  unclaim(server: string): void {
    const state = this.down.get(server);
    if (state) state.retrying = false;
  }

  private emit(event: ServerHealthEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}

function describe(error: unknown): string {
  if (!(error instanceof LdapError)) return error instanceof Error ? error.message : String(error);
  const code = error.resultCode !== undefined ? `${error.code} ${error.resultCode}` : error.code;
  return `${code}: ${error.detail ?? error.message}`;
}

/** The process's one health map: every connection of the process (sign-in, service, sync) shares it. */
export const serverHealth = new ServerHealth();
