// Two (or more) built servers (`server/dist/main.js`) on one MySQL database, behind a round-robin
// proxy on 127.0.0.1: what a province runs behind its load balancer, small enough for a test.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import mysql from 'mysql2/promise';

const root = new URL('../../../', import.meta.url).pathname;

export interface Instance {
  name: string;
  port: number;
  child: ChildProcess;
  /** What the server printed, for a failure's message. */
  output(): string;
}

export interface Database {
  url: string;
  /** Runs SQL on the database, for assertions the API cannot make (how many rows a race left). */
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  drop(): Promise<void>;
}

/** A new database on MYSQL_URL's server, utf8mb4 as the first migration requires. */
export async function createDatabase(): Promise<Database> {
  const server = new URL(process.env.MYSQL_URL!);
  server.pathname = '/';
  const name = `mashang_instances_${randomBytes(6).toString('hex')}`;
  const admin = await mysql.createConnection(server.toString());
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async query<T>(sql: string, params: unknown[] = []) {
      await admin.query(`USE \`${name}\``);
      const [rows] = await admin.query(sql, params);
      return rows as T[];
    },
    async drop() {
      await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await admin.end();
    },
  };
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Starts one instance on `databaseUrl` and waits until its health route answers. */
export async function startInstance(name: string, databaseUrl: string, env: Record<string, string>): Promise<Instance> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(root, 'server/dist/main.js')], {
    cwd: root,
    env: { ...process.env, PORT: String(port), DATABASE_URL: databaseUrl, NODE_ENV: 'test', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const instance: Instance = { name, port, child, output: () => output };
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`instance ${name} exited early:\n${output}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/v1/health`)).ok) return instance;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`instance ${name} did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function stopInstance(instance: Instance): Promise<void> {
  const { child } = instance;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/** The response header that names the instance that answered. */
export const SERVED_BY = 'x-served-by';

export interface Proxy {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * A load balancer in a few lines: each REQUEST (not each connection) goes to the next instance in
 * turn, with the client's address appended to X-Forwarded-For as nginx's
 * `$proxy_add_x_forwarded_for` does, and the answering instance named in `x-served-by`.
 */
export async function startProxy(instances: Instance[]): Promise<Proxy> {
  let next = 0;
  const server: Server = createServer((incoming: IncomingMessage, outgoing: ServerResponse) => {
    const target = instances[next++ % instances.length]!;
    const forwarded = [incoming.headers['x-forwarded-for'], incoming.socket.remoteAddress].filter(Boolean).join(', ');
    const upstream = request(
      {
        host: '127.0.0.1',
        port: target.port,
        method: incoming.method,
        path: incoming.url,
        headers: { ...incoming.headers, 'x-forwarded-for': forwarded },
        // A fresh connection per request: nothing pins a client to one instance.
        agent: false,
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, { ...answer.headers, [SERVED_BY]: target.name });
        answer.pipe(outgoing);
      },
    );
    upstream.on('error', () => {
      if (!outgoing.headersSent) outgoing.writeHead(502, { 'content-type': 'application/json; charset=utf-8' });
      outgoing.end(JSON.stringify({ code: 'SERVICE_UNAVAILABLE', message: '服务暂时不可用，请稍后再试' }));
    });
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
