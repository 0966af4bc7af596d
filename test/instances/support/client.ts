// A client of the real HTTP API through the proxy, typed by the shared contract. Each client connects
// from its own loopback address (127.0.0.x), so the limits it meets are its own, counted by the
// address the proxy forwards, as a phone behind a load balancer would be.
import { type IncomingHttpHeaders, request } from 'node:http';
import { API_PREFIX, type RouteInput, type RouteResponse, type RouteSpec, buildPath } from '@mashang/shared';
import { SERVED_BY } from './cluster.js';

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  json: unknown;
  /** Which instance answered, as the proxy names it. */
  servedBy: string;
}

export interface CallOptions {
  /** A staff session token, sent as `Authorization: Bearer`. */
  token?: string;
  headers?: Record<string, string>;
}

type Input = { params?: Record<string, string | number>; query?: Record<string, string | number>; body?: unknown };

let lastAddress = 1;

export class Client {
  /** `127.0.0.2`, `127.0.0.3`, …: one address per client made. */
  readonly address = `127.0.0.${++lastAddress}`;

  constructor(private readonly proxyPort: number) {}

  /** Calls `route` and answers whatever came back. */
  send<R extends RouteSpec>(route: R, input: RouteInput<R>, options: CallOptions = {}): Promise<Answer> {
    const { params, query, body } = input as Input;
    const search = query ? `?${new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString()}` : '';
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    if (payload !== undefined) headers['content-type'] = 'application/json';
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    return this.raw(route.method, `${API_PREFIX}${buildPath(route.path, params)}${search}`, headers, payload);
  }

  /** Calls `route` and answers its body, or fails with what came back instead. */
  async ok<R extends RouteSpec>(route: R, input: RouteInput<R>, options: CallOptions = {}): Promise<RouteResponse<R>> {
    const answer = await this.send(route, input, options);
    if (answer.status >= 300) {
      throw new Error(`${route.method} ${route.path} answered ${answer.status} from ${answer.servedBy}: ${JSON.stringify(answer.json)}`);
    }
    return answer.json as RouteResponse<R>;
  }

  raw(method: string, path: string, headers: Record<string, string> = {}, payload?: string): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const outgoing = request(
        { host: '127.0.0.1', port: this.proxyPort, localAddress: this.address, method, path, headers, agent: false },
        (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
          incoming.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            resolve({
              status: incoming.statusCode ?? 0,
              headers: incoming.headers,
              json: parsed(text),
              servedBy: String(incoming.headers[SERVED_BY]),
            });
          });
          incoming.on('error', reject);
        },
      );
      outgoing.on('error', reject);
      outgoing.end(payload);
    });
  }
}

/** The body as JSON, or as text when it is not JSON (a 502 from a proxy, a 304's empty body as null). */
function parsed(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
