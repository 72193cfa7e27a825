import type { ConnectionOptions } from 'node:tls';
import { Client, type Control, type SearchOptions as LdaptsSearchOptions } from 'ldapts';

import { BindIdentityError, resolveBindIdentity } from '../syntax/bind-identity.js';
import { toLdaptsFilter } from '../syntax/filter.js';
import { ldapUrl } from '../syntax/host.js';
import { LdapError, toLdapError } from '../ldap.error.js';
import { timeDirectoryOperation } from '../../metrics/instruments.js';
import type { LdapConnectionSettings } from '../settings/ldap-settings.types.js';
import { bufferAttributeNames, type DirectoryEntry, toDirectoryEntry } from './directory-entry.js';
import { mapPages } from './pages.js';
import { type PageSizeRefusal, smallerPageSize } from './page-size.js';
import { onHealthyServer, serverKey } from './server-choice.js';
import { isServerDown, serverHealth } from './server-health.js';
import { connectSocket, SocketGuard } from './socket.js';
import { buildTlsOptions } from './tls-options.js';

export type SearchScope = 'base' | 'one' | 'sub';

export interface SearchOptions {
  scope?: SearchScope;
  /** RFC 4515 filter string; default (objectClass=*). */
  filter?: string;
  attributes?: string[];
  /** Client-side limit: at most this many entries, no error when there are more. */
  sizeLimit?: number;
  /** Read as Buffer in addition to objectGUID and objectSid. */
  binaryAttributes?: string[];
  /** The server's time limit for this search, in seconds (RFC 4511 §4.5.1.5); ldapts sends 10 when unset. */
  timeLimitSeconds?: number;
}

export interface PagedSearchOptions extends Omit<SearchOptions, 'sizeLimit'> {
  /** Entries per page (RFC 2696); default 500, which fits the usual server limits (AD MaxPageSize 1000, slapd 500). */
  pageSize?: number;
  /** Told each time the server refused the page size and the search starts again with a smaller one (see smallerPageSize). */
  onPageSizeRefused?: (refusal: PageSizeRefusal) => void;
}

export interface LdapConnectionOptions {
  /** Opens another bound connection, for a paged search started while one is running here. */
  openSibling?: () => Promise<LdapConnection>;
}

export const DEFAULT_PAGE_SIZE = 500;
export { type PageSizeRefusal } from './page-size.js';
export const DEFAULT_TIMEOUT_MS = 5_000;
const ALL_ENTRIES = '(objectClass=*)';

/** A positive timeout: ldapts' default is to wait forever, which a dead firewall turns into a hang. */
export function effectiveTimeout(timeoutMs: number | undefined): number {
  return timeoutMs !== undefined && Number.isFinite(timeoutMs) && timeoutMs > 0 ? timeoutMs : DEFAULT_TIMEOUT_MS;
}

/** Refuses what the server would take as an anonymous ("unauthenticated", RFC 4513 §5.1.2) bind. */
export function refuseEmptyCredentials(dn: string, password: string | null | undefined): void {
  if (!password?.trim()) {
    throw new LdapError('INVALID_CREDENTIALS', 'an empty password is never sent to the directory', {
      detail: 'empty password refused before bind',
    });
  }
  if (!dn.trim()) {
    throw new LdapError('INVALID_CREDENTIALS', 'an empty DN is never sent to the directory', {
      detail: 'empty DN refused before bind',
    });
  }
}

/** One connection to the directory, over ldapts. Every error it throws is an LdapError. */
export class LdapConnection {
  private closing: Promise<void> | undefined;
  private pagedSearchRunning = false;
  /** The server has answered on this connection: a close under a later request is a lost connection. */
  private answered = false;

  private constructor(
    private readonly client: Client,
    private readonly guard: SocketGuard,
    private readonly options: LdapConnectionOptions,
    /** host:port: the server health key and the metrics' server label. */
    readonly server: string,
    /** The servers listed before this one, skipped or failed when it was opened. */
    private readonly ahead: readonly string[],
  ) {}

  /**
   * A connection to the first healthy server of the settings (host, backupServers, SRV records;
   * see onHealthyServer): servers that fail are marked down and the next one is used.
   */
  static open(settings: LdapConnectionSettings, options: LdapConnectionOptions = {}): Promise<LdapConnection> {
    return onHealthyServer(settings, (server, ahead) => LdapConnection.openServer(server, options, ahead));
  }

  /**
   * open() then bindService(), on the first server where both succeed: a refused service bind
   * marks the server down too. A connection whose bind fails is closed before going on.
   */
  static openBound(settings: LdapConnectionSettings, options: LdapConnectionOptions = {}): Promise<LdapConnection> {
    return onHealthyServer(settings, async (server, ahead) => {
      const connection = await LdapConnection.openServer(server, options, ahead);
      try {
        await connection.bindService(settings);
        return connection;
      } catch (error) {
        await connection.close();
        throw error;
      }
    });
  }

  /** A connection to exactly settings.host:port, whatever its health (no other server is tried, nothing is marked). */
  static openServer(
    settings: LdapConnectionSettings,
    options: LdapConnectionOptions = {},
    ahead: readonly string[] = [],
  ): Promise<LdapConnection> {
    const server = serverKey(settings);
    return timeDirectoryOperation('connect', server, () => LdapConnection.connect(settings, options, server, ahead));
  }

  private static async connect(
    settings: LdapConnectionSettings,
    options: LdapConnectionOptions,
    server: string,
    ahead: readonly string[],
  ): Promise<LdapConnection> {
    const timeoutMs = effectiveTimeout(settings.timeoutMs);
    // a leftover CA certificate must not break a connection that does not use TLS
    const tlsOptions = settings.encryption === 'none' ? {} : buildTlsOptions(settings);
    const secure = settings.encryption === 'ssl';
    const socket = await connectSocket({ host: settings.host, port: settings.port, secure, timeoutMs }, tlsOptions);
    const guard = new SocketGuard(socket, timeoutMs);
    const connection = new LdapConnection(newClient(settings, guard, timeoutMs), guard, options, server, ahead);
    if (settings.encryption === 'starttls') await connection.startTls(tlsOptions);
    return connection;
  }

  /** False once closed or once the server (or a timeout) ended the connection. */
  get isUsable(): boolean {
    return this.closing === undefined && !this.guard.dropped;
  }

  /**
   * True when its server is marked down, or a server listed before it could be tried again
   * (its back-off ended, or it is back): a pool closes such a connection rather than reuse it.
   */
  get onStaleServer(): boolean {
    return serverHealth.isDown(this.server) || this.ahead.some((server) => serverHealth.wouldTry(server));
  }

  async bind(dn: string, password: string, controls?: Control[]): Promise<void> {
    refuseEmptyCredentials(dn, password);
    await this.run('bind', () => this.client.bind(dn, password, controls));
  }

  async bindService(settings: Pick<LdapConnectionSettings, 'bindDn' | 'bindUsername' | 'bindPassword'>): Promise<void> {
    await this.bind(serviceBindDn(settings), settings.bindPassword ?? '');
  }

  async search(base: string, options: SearchOptions = {}): Promise<DirectoryEntry[]> {
    return this.run(
      'search',
      async () => {
        const request = searchRequest(options);
        const { searchEntries } = await this.client.search(base, { ...request, sizeLimit: options.sizeLimit });
        return searchEntries.map((raw) => toDirectoryEntry(raw, request.explicitBufferAttributes ?? []));
      },
      options,
    );
  }

  /**
   * Pages of entries as the server sends them (paged results control), one page in memory at a
   * time. slapd keeps one paged search per connection (a second one makes the first fail with
   * "paged results cookie is invalid or old"), so one started meanwhile runs on a sibling connection.
   */
  async *pagedSearch(
    base: string,
    options: PagedSearchOptions = {},
  ): AsyncGenerator<DirectoryEntry[], void, undefined> {
    if (this.pagedSearchRunning) return yield* this.pagedSearchOnSibling(base, options);
    this.assertUsable();
    this.pagedSearchRunning = true;
    let pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
    try {
      for (;;) {
        const request = { ...searchRequest(options), paged: { pageSize } };
        let yielded = false;
        const binaryNames = request.explicitBufferAttributes ?? [];
        try {
          // each page mapped as it arrives: the raw page is not kept while the caller works on the entries
          const pages = mapPages(this.client.searchPaginated(base, request), (page) =>
            page.searchEntries.map((raw) => toDirectoryEntry(raw, binaryNames)),
          );
          for await (const entries of pages) {
            if (entries.length === 0) continue;
            yielded = true;
            this.answered = true;
            yield entries;
          }
          return;
        } catch (error) {
          const smaller = yielded ? undefined : smallerPageSize(pageSize, toLdapError(error));
          if (smaller === undefined) throw error;
          options.onPageSizeRefused?.({ refused: pageSize, next: smaller, reason: toLdapError(error).message });
          pageSize = smaller;
        }
      }
    } catch (error) {
      const mapped = this.lostConnection(toLdapError(error));
      this.reportServerFailure(mapped, options);
      throw mapped;
    } finally {
      this.pagedSearchRunning = false;
    }
  }

  private async *pagedSearchOnSibling(
    base: string,
    options: PagedSearchOptions,
  ): AsyncGenerator<DirectoryEntry[], void, undefined> {
    if (!this.options.openSibling) {
      throw new LdapError('UNWILLING', 'another paged search is running on this connection', {
        detail: 'one paged search per connection: open a second connection for the other one',
      });
    }
    const sibling = await this.options.openSibling();
    try {
      yield* sibling.pagedSearch(base, options);
    } finally {
      await sibling.close();
    }
  }

  async rootDse(attributes: string[] = ['*', '+']): Promise<DirectoryEntry | undefined> {
    const [entry] = await this.search('', { scope: 'base', filter: ALL_ENTRIES, attributes });
    return entry;
  }

  /** Unbinds and destroys the socket(s). Never throws; calling it again waits for the first call. */
  close(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  private async shutDown(): Promise<void> {
    try {
      if (!this.guard.dropped) await this.client.unbind();
    } catch {
      // the socket is destroyed below either way
    } finally {
      this.guard.destroyAll();
    }
  }

  private async startTls(tlsOptions: ConnectionOptions): Promise<void> {
    try {
      // ldapts sets .socket on the object it is given: a copy keeps ours clean
      await this.client.startTLS({ ...tlsOptions });
    } catch (error) {
      await this.close();
      throw startTlsError(error);
    }
  }

  // After StartTLS, ldapts does not notice the socket closing and would write into the dead
  // TLS socket until the timeout: refuse at once instead.
  private assertUsable(): void {
    if (this.isUsable) return;
    const detail =
      this.closing === undefined ? 'the server closed the connection' : 'connection closed by the application';
    throw new LdapError('UNREACHABLE', 'the connection to the directory server was closed', { detail });
  }

  private async run<T>(
    name: 'bind' | 'search',
    operation: () => Promise<T>,
    options: Pick<SearchOptions, 'timeLimitSeconds'> = {},
  ): Promise<T> {
    try {
      // inside the try: a connection the server closed between two requests marks it down too
      this.assertUsable();
      const result = await timeDirectoryOperation(name, this.server, operation);
      this.answered = true;
      return result;
    } catch (error) {
      const mapped = this.lostConnection(toLdapError(error));
      this.reportServerFailure(mapped, options);
      throw mapped;
    }
  }

  /**
   * ldapts says "Connection closed before message response" for any close under a waiting request.
   * Before the server ever answered, that is most often the wrong encryption for the port (PROTOCOL,
   * with its hint); on a connection that has answered, the server went away (killed, restarted).
   */
  private lostConnection(error: LdapError): LdapError {
    if (!this.answered || error.code !== 'PROTOCOL' || !/connection closed before message/i.test(error.detail ?? ''))
      return error;
    return new LdapError('UNREACHABLE', 'the connection to the directory server was closed', {
      detail: 'the server closed the connection while a request waited for its answer',
      cause: error,
    });
  }

  /**
   * A lost connection, or a request the server left unanswered, marks the server down; a search
   * with a server-side time limit (a mailbox filter) may be slow on its own, so its timeout does not.
   */
  private reportServerFailure(error: LdapError, options: Pick<SearchOptions, 'timeLimitSeconds'>): void {
    if (!isServerDown(error) || this.closing !== undefined) return;
    if (error.code === 'TIMEOUT' && options.timeLimitSeconds !== undefined) return;
    serverHealth.failed(this.server, error);
  }
}

function newClient(settings: LdapConnectionSettings, guard: SocketGuard, timeoutMs: number): Client {
  try {
    return new Client({
      url: ldapUrl(settings),
      timeout: timeoutMs,
      connectTimeout: timeoutMs,
      // no tlsOptions here: with any, ldapts speaks TLS right away, even on ldap:// (StartTLS)
      createConnection: guard.connect,
      createSecureConnection: guard.secureConnect,
    });
  } catch (error) {
    guard.destroyAll();
    throw toLdapError(error);
  }
}

function serviceBindDn(settings: Pick<LdapConnectionSettings, 'bindDn' | 'bindUsername'>): string {
  try {
    return resolveBindIdentity(settings.bindUsername, settings.bindDn).bindAs;
  } catch (error) {
    if (!(error instanceof BindIdentityError)) throw toLdapError(error);
    throw new LdapError('INVALID_CREDENTIALS', 'the bind account settings are not valid', {
      detail: error.message,
      cause: error,
    });
  }
}

function searchRequest(options: SearchOptions): LdaptsSearchOptions {
  return {
    scope: options.scope ?? 'sub',
    filter: toLdaptsFilter(options.filter?.trim() || ALL_ENTRIES),
    attributes: options.attributes,
    explicitBufferAttributes: bufferAttributeNames(options.binaryAttributes),
    timeLimit: options.timeLimitSeconds,
  };
}

/** A StartTLS that fails for any reason but a dead server is a TLS error: we never go on in plain text. */
function startTlsError(error: unknown): LdapError {
  const mapped = toLdapError(error);
  if (mapped.code === 'TLS' || mapped.code === 'TIMEOUT' || mapped.code === 'UNREACHABLE') return mapped;
  return new LdapError('TLS', 'the directory server refused StartTLS', {
    tlsReason: 'other',
    detail: mapped.detail ?? mapped.message,
    resultCode: mapped.resultCode,
    cause: error,
  });
}
