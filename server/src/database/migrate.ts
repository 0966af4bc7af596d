import type { DataSource } from 'typeorm';

const LOCK_NAME = 'mashang_migrations';

/**
 * Runs pending migrations. On MySQL several instances may start at once, so they take turns
 * behind a named lock; SQLite is a single process.
 */
export async function runMigrations(dataSource: DataSource): Promise<void> {
  if (dataSource.options.type !== 'mysql') {
    await dataSource.runMigrations({ transaction: 'each' });
    return;
  }
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    const [lock] = (await runner.query('SELECT GET_LOCK(?, 60) AS got', [LOCK_NAME])) as { got: number }[];
    if (Number(lock?.got) !== 1) throw new Error('Timed out waiting for the migration lock');
    try {
      await dataSource.runMigrations({ transaction: 'none' });
    } finally {
      await runner.query('SELECT RELEASE_LOCK(?)', [LOCK_NAME]);
    }
  } finally {
    await runner.release();
  }
}
