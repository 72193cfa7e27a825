import { createSocket, type Socket } from 'node:dgram';

import * as dnsPacket from 'dns-packet';

const RCODE = { NOERROR: 0, SERVFAIL: 2, NXDOMAIN: 3 } as const;

export interface SrvAnswer {
  priority: number;
  weight: number;
  port: number;
  target: string;
}

/**
 * A DNS server on 127.0.0.1 (UDP, a free port) answering SRV questions from a table the test
 * edits: a name missing from the table gets NXDOMAIN, a name in `failing` gets SERVFAIL.
 * Every question asked is recorded, so a test can see what was (not) asked.
 */
export class LoopbackDnsServer {
  readonly records = new Map<string, SrvAnswer[]>();
  readonly failing = new Set<string>();
  readonly questions: string[] = [];

  private constructor(
    private readonly socket: Socket,
    readonly port: number,
  ) {}

  static async start(): Promise<LoopbackDnsServer> {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(0, '127.0.0.1', () => resolve());
    });
    const server = new LoopbackDnsServer(socket, socket.address().port);
    socket.on('message', (message, peer) => server.answer(message, peer.port, peer.address));
    return server;
  }

  /** `host:port` for Resolver.setServers. */
  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.socket.close(() => resolve()));
  }

  private answer(message: Buffer, port: number, address: string): void {
    const query = dnsPacket.decode(message);
    const question = query.questions?.[0];
    if (!question) return;
    const name = question.name.toLowerCase();
    this.questions.push(name);
    const found = this.records.get(name);
    const rcode = this.failing.has(name) ? RCODE.SERVFAIL : found ? RCODE.NOERROR : RCODE.NXDOMAIN;
    const response = dnsPacket.encode({
      id: query.id,
      type: 'response',
      // the response code is the flags' low four bits (RFC 1035 section 4.1.1)
      flags: dnsPacket.RECURSION_DESIRED | dnsPacket.RECURSION_AVAILABLE | rcode,
      questions: [question],
      answers:
        rcode === RCODE.NOERROR && question.type === 'SRV'
          ? (found ?? []).map((data) => ({ type: 'SRV' as const, name: question.name, ttl: 60, data }))
          : [],
    });
    this.socket.send(response, port, address);
  }
}
