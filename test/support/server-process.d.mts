// Types for server-process.mjs, so the TypeScript suites (the browser tests) share its code with the
// plain-JavaScript scripts (bench, fuzz, crash) instead of keeping a copy of their own.
import type { ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';

/** The repository's root folder, ending in `/`. */
export const root: string;

/** A port on 127.0.0.1 that nothing listens on at the moment of asking. */
export function freePort(): Promise<number>;

export type DatabaseKind = 'sqlite' | 'mysql';

export interface TestDatabase {
  /** The server's DATABASE_URL: `sqlite:<file>` or `mysql://…/mashang_test_<hex>`. */
  url: string;
  /** The MySQL database's name; absent for SQLite. */
  name?: string;
  /** Removes the SQLite file's folder, or drops the MySQL database. */
  drop(): Promise<void>;
}

/** A fresh database: a temporary SQLite file, or a new database on MYSQL_URL's server. */
export function createDatabase(kind: DatabaseKind): Promise<TestDatabase>;

export interface StartedServer {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  child: ChildProcessByStdio<null, Readable, Readable>;
  /** What the server printed so far. */
  output: string;
}

export interface StartServerOptions {
  databaseUrl: string;
  port: number;
  /** Added to (or overriding) the server's environment. */
  env?: Record<string, string>;
  /** How long to wait for the health route; 60 s unless told. */
  timeoutMs?: number;
}

/** Starts the built server on `databaseUrl` and waits until it answers its health route. */
export function startServer(options: StartServerOptions): Promise<StartedServer>;

/** Stops a started server with `signal` and waits for it to exit. */
export function stopServer(running: StartedServer, signal?: NodeJS.Signals): Promise<void>;
