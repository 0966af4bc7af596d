// The built server (`server/dist/main.js`) as a child process on a database of its own, for the
// scripts that treat it from outside: the fuzz run and the crash test.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';

export const root = new URL('../../', import.meta.url).pathname;

export async function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

/** A fresh database: a temporary SQLite file, or a new database on MYSQL_URL's server. */
export async function createDatabase(kind) {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'mashang-proc-'));
    return { url: `sqlite:${join(dir, 'db.sqlite')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const server = new URL(process.env.MYSQL_URL);
  server.pathname = '/';
  const name = `mashang_test_${randomBytes(6).toString('hex')}`;
  const admin = await mysql.createConnection(server.toString());
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: async () => {
      const c = await mysql.createConnection(server.toString());
      await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await c.end();
    },
  };
}

/**
 * Starts the built server on `databaseUrl` and waits until it answers its health route.
 * `output` collects what it prints. `timeoutMs` bounds the wait.
 */
export async function startServer({ databaseUrl, port, env = {}, timeoutMs = 60_000 }) {
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [join(root, 'server/dist/main.js')], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      PUBLIC_BASE_URL: url,
      SWEEP_INTERVAL_SECONDS: '0',
      NODE_ENV: 'test',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const running = { url, child, output: '' };
  child.stdout.on('data', (chunk) => (running.output += chunk));
  child.stderr.on('data', (chunk) => (running.output += chunk));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`server exited early:\n${running.output}`);
    try {
      if ((await fetch(`${url}/api/v1/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not start:\n${running.output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return running;
}

/** Stops a started server with `signal` and waits for it to exit. */
export async function stopServer(running, signal = 'SIGTERM') {
  const { child } = running;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill(signal);
  await exited;
}
