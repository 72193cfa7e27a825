import * as net from 'node:net';

const HOST = '127.0.0.1';

/**
 * A plain TCP relay on 127.0.0.1 in front of a server, counting the connections made to it (each
 * one a connection attempt to the server behind). Bytes pass untouched, so StartTLS and ldaps work.
 * When the server behind refuses, the client's connection is closed at once.
 */
export class CountingProxy {
  private acceptedCount = 0;
  private readonly sockets = new Set<net.Socket>();

  private constructor(
    private readonly server: net.Server,
    readonly port: number,
  ) {}

  /** Listens on a free loopback port and relays to target (loopback only). */
  static async start(target: { host: string; port: number }): Promise<CountingProxy> {
    if (target.host !== HOST) throw new Error(`the counting proxy only relays to ${HOST}, not ${target.host}`);
    const holder: { proxy?: CountingProxy } = {};
    const server = net.createServer((client) => holder.proxy?.relay(client, target));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, HOST, resolve);
    });
    holder.proxy = new CountingProxy(server, (server.address() as net.AddressInfo).port);
    return holder.proxy;
  }

  /** Connections accepted so far. */
  get accepted(): number {
    return this.acceptedCount;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private relay(client: net.Socket, target: { host: string; port: number }): void {
    this.acceptedCount += 1;
    const upstream = net.connect(target.port, target.host);
    const end = (): void => {
      client.destroy();
      upstream.destroy();
      this.sockets.delete(client);
      this.sockets.delete(upstream);
    };
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.on('error', end);
      socket.on('close', end);
    }
    client.pipe(upstream);
    upstream.pipe(client);
  }
}
