import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config.js';
import { dataSourceOptions } from '../database/data-source-options.js';
import { runMigrations } from '../database/migrate.js';
import { seedDemoDataIfEmpty } from '../demo/seed-demo-data.js';

/** `npm run seed`: migrates the configured database and loads the demo county if it is empty. */
const dataSource = new DataSource(dataSourceOptions(loadConfig().database));
await dataSource.initialize();
try {
  await runMigrations(dataSource);
  const loaded = await seedDemoDataIfEmpty(dataSource);
  console.log(loaded ? 'Demo data loaded.' : 'The database already has regions; nothing loaded.');
} finally {
  await dataSource.destroy();
}
