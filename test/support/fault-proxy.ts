import * as net from 'node:net';

const HOST = '127.0.0.1';
/** The proxy closes itself after this long, whatever the test did. */
const DEFAULT_LIFETIME_MS = 5 * 60_000;

export type FaultAction = 'hold' | 'reset' | 'close' | 'answer';

export interface FaultRule {
  /** Bytes the LDAP request must contain: a filter's assertion value, a base DN, an attribute name. */
  contains: string;
  /**
   * hold: the request (and the rest of its connection) is not forwarded until released or closed;
   * reset: the connection is reset; close: it is closed in order (FIN, as a killed server's kernel
   * does); answer: a search is answered with `resultCode`, the server never sees it.
   */
  action: FaultAction;
  /** For answer: the LDAP result code (RFC 4511 §4.1.9) and diagnostic message of the SearchResultDone. */
  resultCode?: number;
  diagnostic?: string;
  /** Matching requests let through before the rule acts (default 0). */
  skip?: number;
  /** Act on every matching request after the skipped ones (default: only the first). */
  always?: boolean;
}

/** A rule in force: when it acted, and how to let its held requests go. */
export interface Fault {
  /** Resolves when the rule has acted the first time. */
  readonly hit: Promise<void>;
  /** Forwards what the rule holds and stops the rule. */
  release(): void;
  /** Stops the rule; requests already held stay held until their connection closes. */
  remove(): void;
}

interface ActiveRule extends FaultRule {
  seen: number;
  done: boolean;
  onHit: () => void;
  held: Set<Link>;
}

/** One client connection and its upstream connection to the server. */
class Link {
  private buffer = Buffer.alloc(0);
  private heldBy: ActiveRule | undefined;
  private readonly queue: Buffer[] = [];

  constructor(
    readonly client: net.Socket,
    readonly upstream: net.Socket,
    private readonly decide: (message: Buffer) => ActiveRule | undefined,
  ) {}

  fromClient(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (
      let length = messageLength(this.buffer);
      length !== undefined && this.buffer.length >= length;
      length = messageLength(this.buffer)
    ) {
      const message = this.buffer.subarray(0, length);
      this.buffer = this.buffer.subarray(length);
      if (this.heldBy) {
        this.queue.push(message);
        continue;
      }
      const rule = this.decide(message);
      if (rule?.action === 'reset') return this.reset();
      if (rule?.action === 'close') return this.end();
      if (rule?.action === 'answer') {
        this.client.write(searchResultDone(message, rule.resultCode ?? 1, rule.diagnostic ?? ''));
        continue;
      }
      if (rule?.action === 'hold') {
        this.heldBy = rule;
        rule.held.add(this);
        this.queue.push(message);
        continue;
      }
      this.upstream.write(message);
    }
  }

  release(): void {
    this.heldBy = undefined;
    for (const message of this.queue.splice(0)) if (!this.upstream.destroyed) this.upstream.write(message);
  }

  reset(): void {
    this.client.resetAndDestroy();
    this.upstream.destroy();
  }

  end(): void {
    this.client.end();
    this.upstream.destroy();
  }
}

/**
 * A TCP proxy on 127.0.0.1 in front of a directory server, for tests of what a slow or broken
 * connection does. It reads the client's LDAP messages (BER SEQUENCEs) and matches a request by
 * bytes it contains (a search for a chosen filter carries the filter's values as plain octets):
 * such a request can be held (the server never sees it until released: a timeout, or a pause
 * between two pages) or its connection reset. Answers pass through untouched. Loopback only, and
 * it closes itself after `lifetimeMs`.
 */
export class FaultProxy {
  readonly host = HOST;
  private readonly rules: ActiveRule[] = [];
  private readonly links = new Set<Link>();
  private readonly stopTimer: NodeJS.Timeout;

  private constructor(
    private readonly server: net.Server,
    readonly port: number,
    lifetimeMs: number,
  ) {
    this.stopTimer = setTimeout(() => void this.close(), lifetimeMs);
    this.stopTimer.unref();
  }

  /** Listens on a free loopback port and forwards to target. */
  static async start(target: { host: string; port: number }, lifetimeMs = DEFAULT_LIFETIME_MS): Promise<FaultProxy> {
    if (target.host !== HOST) throw new Error(`the fault proxy only forwards to ${HOST}, not ${target.host}`);
    const holder: { proxy?: FaultProxy } = {};
    const server = net.createServer((client) => holder.proxy?.accept(client, target));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, HOST, resolve);
    });
    holder.proxy = new FaultProxy(server, (server.address() as net.AddressInfo).port, lifetimeMs);
    return holder.proxy;
  }

  /** Puts a rule in force; rules are tried in the order they were added. */
  fault(rule: FaultRule): Fault {
    let onHit = (): void => undefined;
    const hit = new Promise<void>((resolve) => (onHit = resolve));
    const active: ActiveRule = { ...rule, seen: 0, done: false, onHit, held: new Set() };
    this.rules.push(active);
    const remove = (): void => {
      active.done = true;
      const index = this.rules.indexOf(active);
      if (index >= 0) this.rules.splice(index, 1);
    };
    return {
      hit,
      remove,
      release: () => {
        remove();
        for (const link of active.held) link.release();
        active.held.clear();
      },
    };
  }

  /** Removes every rule and forwards whatever is held. */
  clear(): void {
    for (const rule of this.rules.splice(0)) {
      rule.done = true;
      for (const link of rule.held) link.release();
    }
  }

  /** Stops listening and closes every connection. Idempotent. */
  async close(): Promise<void> {
    clearTimeout(this.stopTimer);
    this.clear();
    for (const link of this.links) link.reset();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: net.Socket, target: { host: string; port: number }): void {
    const upstream = net.connect(target.port, target.host);
    const link = new Link(client, upstream, (message) => this.decide(message));
    this.links.add(link);
    const end = (): void => {
      this.links.delete(link);
      client.destroy();
      upstream.destroy();
    };
    client.on('data', (chunk: Buffer) => link.fromClient(chunk));
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
    for (const socket of [client, upstream]) {
      socket.on('error', end);
      socket.on('close', end);
    }
  }

  private decide(message: Buffer): ActiveRule | undefined {
    for (const rule of this.rules) {
      if (rule.done || !message.includes(Buffer.from(rule.contains, 'utf8'))) continue;
      rule.seen += 1;
      if (rule.seen <= (rule.skip ?? 0)) continue;
      if (!rule.always) rule.done = true;
      rule.onHit();
      return rule;
    }
    return undefined;
  }
}

/** A SearchResultDone (APPLICATION 5) for the search request `request`, with its message id. */
function searchResultDone(request: Buffer, resultCode: number, diagnostic: string): Buffer {
  const headerLength = request[1] < 0x80 ? 2 : 2 + (request[1] & 0x7f);
  const idLength = request[headerLength + 1];
  const messageId = request.subarray(headerLength, headerLength + 2 + idLength);
  const result = Buffer.concat([
    Buffer.from([0x0a, 0x01, resultCode]),
    tlv(0x04, Buffer.alloc(0)),
    tlv(0x04, Buffer.from(diagnostic, 'utf8')),
  ]);
  return tlv(0x30, Buffer.concat([messageId, tlv(0x65, result)]));
}

function tlv(tag: number, contents: Buffer): Buffer {
  const n = contents.length;
  const length = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff];
  return Buffer.concat([Buffer.from([tag, ...length]), contents]);
}

/** Length of the first BER element (tag, definite length, contents), or undefined until its header is complete. */
function messageLength(buffer: Buffer): number | undefined {
  if (buffer.length < 2) return undefined;
  const first = buffer[1];
  if (first < 0x80) return 2 + first;
  const octets = first & 0x7f;
  if (buffer.length < 2 + octets) return undefined;
  let length = 0;
  for (let i = 0; i < octets; i += 1) length = length * 256 + buffer[2 + i];
  return 2 + octets + length;
}
