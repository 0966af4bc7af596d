import 'reflect-metadata';
import { ConfigError, loadConfig } from '../config/app-config.js';
import { seedDemo } from './seed-demo.js';

/** `npm run seed`: migrates the configured database and loads the demo county, with its 督办 cases, if it is empty. */
try {
  const loaded = await seedDemo(loadConfig());
  console.log(loaded ? 'Demo data loaded.' : 'The database already has regions; nothing loaded.');
} catch (error: unknown) {
  // A bad configuration stops with its own message, not a stack trace (as `npm start` does).
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
