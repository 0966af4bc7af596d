import { DataSource } from 'typeorm';
import { type AppOptions, createApp } from '../app.js';
import type { AppConfig } from '../config/app-config.js';
import { seedDemoCases } from '../demo/seed-demo-cases.js';
import { seedDemoDataIfEmpty } from '../demo/seed-demo-data.js';

/**
 * What `npm run seed` does: builds the app on `config`'s database without serving it (which migrates it,
 * as `npm start` does), loads the demo county into it if it is empty, then its 督办 cases through the
 * services, exactly as `DEMO_DATA=true` does at start; and closes. False when the database already has regions.
 */
export async function seedDemo(config: AppConfig, options: AppOptions = {}): Promise<boolean> {
  const app = await createApp({ ...config, demoData: false }, { logLevels: ['warn', 'error'], ...options });
  try {
    if (!(await seedDemoDataIfEmpty(app.get(DataSource)))) return false;
    await seedDemoCases(app);
    return true;
  } finally {
    await app.close();
  }
}
