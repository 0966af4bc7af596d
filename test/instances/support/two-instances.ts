// Two built servers, A and B, on a new MySQL database behind the round-robin proxy, as every suite of
// this folder starts them: the same secrets and upload folder for both, nothing else shared.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Database, type Instance, type Proxy, createDatabase, startInstance, startProxy, stopInstance } from './cluster.js';

export interface TwoInstances {
  database: Database;
  proxy: Proxy;
  /** A and B, in the proxy's order. */
  instances: Instance[];
  /** Stops the proxy and both instances, drops the database and removes the upload folder. */
  stop(): Promise<void>;
}

/**
 * Starts them with `env` over the shared settings (the proxy's public origin, the demo county, a random
 * HASH_SECRET and data key, a temporary UPLOAD_DIR, one trusted proxy hop). The first instance migrates
 * and loads the demo county; the second starts on the database it left. What started is stopped if a
 * later step fails.
 */
export async function startTwoInstances(env: Record<string, string>): Promise<TwoInstances> {
  if (!process.env.MYSQL_URL) throw new Error('The two-instance tests run on MySQL: set MYSQL_URL=mysql://root@127.0.0.1:3306');
  const instances: Instance[] = [];
  let database: Database | undefined;
  let proxy: Proxy | undefined;
  const uploads = mkdtempSync(join(tmpdir(), 'mashang-instances-'));
  const stop = async () => {
    await proxy?.close();
    await Promise.all(instances.map(stopInstance));
    await database?.drop();
    rmSync(uploads, { recursive: true, force: true });
  };
  try {
    database = await createDatabase();
    // The proxy first, so the instances know the public origin; it sends to whatever instances there are.
    proxy = await startProxy(instances);
    const shared = {
      PUBLIC_BASE_URL: proxy.url,
      DEMO_DATA: 'true',
      // Every instance shares the secrets, the uploads and the database; nothing else.
      HASH_SECRET: randomBytes(36).toString('base64'),
      DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      UPLOAD_DIR: uploads,
      // One proxy hop in front: the client address is the last X-Forwarded-For entry.
      TRUST_PROXY: '1',
    };
    instances.push(await startInstance('A', database.url, { ...shared, ...env }));
    instances.push(await startInstance('B', database.url, { ...shared, ...env }));
    return { database, proxy, instances, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
