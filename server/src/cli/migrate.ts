import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config.js';
import { dataSourceOptions } from '../database/data-source-options.js';
import { runMigrations } from '../database/migrate.js';

/** `npm run migrate`: applies pending migrations to the configured database. */
const dataSource = new DataSource(dataSourceOptions(loadConfig().database));
await dataSource.initialize();
try {
  await runMigrations(dataSource);
  console.log('Migrations are up to date.');
} finally {
  await dataSource.destroy();
}
