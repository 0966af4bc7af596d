import type { DataSource } from 'typeorm';

/**
 * Runs pending migrations. On MySQL several instances may start at once, so they take turns
 * behind a named lock; SQLite is a single process. A named lock belongs to the whole MySQL server,
 * not to one database, so its name carries the database's: deployments (or test runs) that share a
 * server never wait on each other's migrations.
 */
export async function runMigrations(dataSource: DataSource): Promise<void> {
  if (dataSource.options.type !== 'mysql') {
    await dataSource.runMigrations({ transaction: 'each' });
    return;
  }
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    const [lock] = (await runner.query("SELECT GET_LOCK(CONCAT('mashang_migrations:', DATABASE()), 60) AS got")) as { got: number }[];
    if (Number(lock?.got) !== 1) throw new Error('Timed out waiting for the migration lock');
    try {
      await dataSource.runMigrations({ transaction: 'none' });
    } finally {
      await runner.query("SELECT RELEASE_LOCK(CONCAT('mashang_migrations:', DATABASE()))");
    }
  } finally {
    await runner.release();
  }
}
