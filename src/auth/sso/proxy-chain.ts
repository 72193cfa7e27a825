import { type Cidr, cidrContains, normalizeIp, parseCidr } from '../../common/cidr.js';

export interface ProxyChain {
  /** The socket's peer, normalised (IPv4-mapped IPv6 as IPv4); null when unknown or unparsable. */
  peer: string | null;
  /** True when the peer is a trusted proxy: only then does the identity header count. */
  trusted: boolean;
  /** Who the request is for: the peer, or with forwarding on the right-most hop that is not a trusted proxy. */
  client: string | null;
}

/** The trusted-proxy list as parsed ranges; entries that do not parse (settings are validated) are dropped. */
export function parseTrustedProxies(list: readonly string[]): Cidr[] {
  return list.flatMap((text) => {
    try {
      return [parseCidr(text)];
    } catch {
      return [];
    }
  });
}

export function isTrusted(ip: string, trusted: readonly Cidr[]): boolean {
  return trusted.some((range) => cidrContains(range, ip));
}

/**
 * The header counts only when the TCP peer is a trusted proxy: X-Forwarded-For, which anyone
 * can write, never makes an untrusted peer trusted. With forwarding on (TRUST_PROXY), the chain
 * is walked right to left while each hop is a trusted proxy; the first other hop is the client.
 * The left-most entry is never passed over as a proxy: whoever made the request wrote it.
 */
export function proxyChain(
  peerAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  trusted: readonly Cidr[],
  useForwardedFor: boolean,
): ProxyChain {
  const peer = ipOrNull(peerAddress);
  if (peer === null || !isTrusted(peer, trusted)) return { peer, trusted: false, client: peer };
  if (!useForwardedFor) return { peer, trusted: true, client: peer };
  const hops = [forwardedFor ?? []]
    .flat()
    .join(',')
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean);
  let client: string | null = peer;
  for (let index = hops.length - 1; index >= 0 && client !== null && isTrusted(client, trusted); index -= 1) {
    client = ipOrNull(hops[index]);
  }
  return { peer, trusted: true, client };
}

function ipOrNull(text: string | undefined): string | null {
  if (!text) return null;
  try {
    return normalizeIp(text);
  } catch {
    return null;
  }
}
