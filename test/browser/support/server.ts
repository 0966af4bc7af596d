import { type DatabaseKind, createDatabase, freePort, startServer as startBuiltServer, stopServer } from '../../support/server-process.mjs';

export type { DatabaseKind };
export const DATABASE_KINDS: DatabaseKind[] = process.env.MYSQL_URL ? ['sqlite', 'mysql'] : ['sqlite'];

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

/**
 * The built server (`server/dist`) serving the built H5 app, with demo data, on a free port and a database of
 * its own (test/support/server-process.mjs makes both); `env` adds or overrides settings. The database is
 * dropped when the server stops, or at once if it does not start.
 */
export async function startServer(kind: DatabaseKind, env: Record<string, string> = {}): Promise<RunningServer> {
  const database = await createDatabase(kind);
  try {
    const running = await startBuiltServer({ databaseUrl: database.url, port: await freePort(), env: { DEMO_DATA: 'true', ...env } });
    return {
      url: running.url,
      async stop() {
        await stopServer(running);
        await database.drop();
      },
    };
  } catch (error) {
    await database.drop();
    throw error;
  }
}
