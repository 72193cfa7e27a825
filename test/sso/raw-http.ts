import { request } from 'node:http';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  text: string;
}

export interface RawRequest {
  port: number;
  path: string;
  method?: string;
  /** An array value sends the header once per element (a repeated header). */
  headers?: Record<string, string | string[]>;
  /** The client socket's own address, e.g. 127.0.0.2 to come from an address the app does not trust. */
  localAddress?: string;
  /** Basic credentials, for the proxy. */
  basic?: { user: string; password: string };
}

/** A plain node:http request to 127.0.0.1, with control over the source address and repeated headers. */
export function rawRequest(options: RawRequest): Promise<RawResponse> {
  const headers: Record<string, string | string[]> = { ...options.headers };
  if (options.basic)
    headers.Authorization = `Basic ${Buffer.from(`${options.basic.user}:${options.basic.password}`).toString('base64')}`;
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: options.port,
        path: options.path,
        method: options.method ?? 'GET',
        headers,
        localAddress: options.localAddress,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: parseJson(text), text });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The new session cookie a response sets, if any (`hd_session=…`, never the clearing one). */
export function newSessionCookie(res: RawResponse): string | undefined {
  const list = [res.headers['set-cookie'] ?? []].flat();
  return list.find((c) => c.startsWith('hd_session=') && !c.startsWith('hd_session=;'))?.split(';')[0];
}
