import { readFile } from 'node:fs/promises';

const ESTABLISHED = '01';

async function tableLines(path: string): Promise<string[]> {
  try {
    return (await readFile(path, 'utf8')).split('\n').slice(1);
  } catch {
    return []; // no IPv6 in this kernel
  }
}

/**
 * Established TCP connections whose local port is one of `ports`: for a server, its accepted
 * client connections. Read from /proc/net/tcp{,6} (no ss/netstat needed); both ends of a
 * loopback connection are listed there, only the server's end has the server port as local port.
 */
export async function establishedConnections(ports: readonly number[]): Promise<number> {
  const lines = [...(await tableLines('/proc/net/tcp')), ...(await tableLines('/proc/net/tcp6'))];
  let count = 0;
  for (const line of lines) {
    const [, local, , state] = line.trim().split(/\s+/);
    if (!local || state !== ESTABLISHED) continue;
    const port = parseInt(local.slice(local.lastIndexOf(':') + 1), 16);
    if (ports.includes(port)) count += 1;
  }
  return count;
}
