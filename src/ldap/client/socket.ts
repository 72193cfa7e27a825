import * as net from 'node:net';
import * as tls from 'node:tls';

import { LdapError, toLdapError } from '../ldap.error.js';
import { resolveAllowedTarget } from '../target-guard.js';

export interface SocketTarget {
  host: string;
  port: number;
  /** 'ssl' handshakes right away; anything else is plain TCP (StartTLS upgrades it later). */
  secure: boolean;
  timeoutMs: number;
}

function timeoutError(what: string, timeoutMs: number): Error {
  return Object.assign(new Error(`${what}: no answer within ${timeoutMs} ms`), { code: 'ETIMEDOUT' });
}

/**
 * Connects (and for SSL completes the handshake) before ldapts sees the socket, so unreachable
 * hosts, TLS failures and silent firewalls surface in open() rather than in the first bind.
 * The target is checked first (resolveAllowedTarget) and dialled only at its checked addresses.
 */
export async function connectSocket(target: SocketTarget, tlsOptions: tls.ConnectionOptions): Promise<net.Socket> {
  const { lookup } = await resolveAllowedTarget(target.host, target.port, target.timeoutMs);
  return new Promise((resolve, reject) => {
    const { host, port, timeoutMs } = target;
    const socket = target.secure
      ? tls.connect({ ...tlsOptions, host, port, lookup })
      : net.connect({ host, port, lookup });
    const ready = target.secure ? 'secureConnect' : 'connect';
    const fail = (error: unknown): void => {
      clearTimeout(timer);
      socket.destroy();
      reject(toLdapError(error));
    };
    const timer = setTimeout(() => fail(timeoutError(`connect to ${host}:${port}`, timeoutMs)), timeoutMs);
    socket.on('error', () => undefined); // errors after settling belong to ldapts' listeners
    socket.once('error', fail);
    socket.once(ready, () => {
      clearTimeout(timer);
      socket.removeListener('error', fail);
      resolve(socket);
    });
  });
}

/**
 * Hands ldapts our already connected socket, once. ldapts reconnects silently when a socket
 * closed, unauthenticated and, after StartTLS, in plain text; refusing the second connect makes a
 * dropped connection an error instead. Also upgrades for StartTLS with a handshake timeout
 * (ldapts has none there) and remembers every socket so close() can destroy them.
 */
export class SocketGuard {
  private readonly sockets: net.Socket[] = [];
  private handedOut = false;
  private closed = false;

  constructor(
    private readonly first: net.Socket,
    private readonly timeoutMs: number,
  ) {
    this.watch(first);
  }

  /**
   * True once any socket of this connection closed or was destroyed: the LDAP session is gone.
   * ldapts destroys the socket on a timeout and 'close' only follows a turn of the event loop
   * later, when the next search may already have been sent to a connection that is gone.
   */
  get dropped(): boolean {
    return this.closed || this.sockets.some((socket) => socket.destroyed);
  }

  readonly connect = ((): net.Socket => {
    if (this.handedOut || this.closed) {
      throw new LdapError('UNREACHABLE', 'the connection to the directory server was closed', {
        detail: 'connection closed; a new connection is needed',
      });
    }
    this.handedOut = true;
    return this.first;
  }) as unknown as typeof net.connect;

  // ldapts calls this as (port, host, options) to connect ldaps:// and as (options) for StartTLS.
  readonly secureConnect = ((...args: unknown[]): tls.TLSSocket => {
    if (typeof args[0] === 'number') return (this.connect as unknown as () => tls.TLSSocket)();
    return this.upgrade(args[0] as tls.ConnectionOptions);
  }) as unknown as typeof tls.connect;

  destroyAll(): void {
    for (const socket of this.sockets) socket.destroy();
  }

  private upgrade(options: tls.ConnectionOptions): tls.TLSSocket {
    const socket = tls.connect(options);
    this.watch(socket);
    const timer = setTimeout(
      () => socket.destroy(timeoutError('TLS handshake (StartTLS)', this.timeoutMs)),
      this.timeoutMs,
    );
    socket.once('secureConnect', () => clearTimeout(timer));
    socket.once('close', () => clearTimeout(timer));
    return socket;
  }

  private watch(socket: net.Socket): void {
    this.sockets.push(socket);
    socket.once('close', () => {
      this.closed = true;
    });
  }
}
