import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './app.js';
import { ConfigError, loadConfig, usesDevSecrets } from './config/app-config.js';
import { DEMO_VILLAGE_CODE } from './demo/demo-data.js';

async function bootstrap(): Promise<void> {
  const logger = new Logger('Boot');
  const config = loadConfig();
  if (usesDevSecrets()) logger.warn('HASH_SECRET / DATA_ENCRYPTION_KEY not set: using development secrets. Never do this in production.');
  const app = await createApp(config);
  app.enableShutdownHooks();
  await app.listen({ port: config.port, host: '0.0.0.0' });
  logger.log(`码上监督 is running on ${config.publicBaseUrl} (database: ${config.database.type})`);
  if (config.demoData) logger.log(`Demo village page: ${config.publicBaseUrl}/v/${DEMO_VILLAGE_CODE}`);
  if (config.apiDocs) logger.log(`API documentation: ${config.publicBaseUrl}/api/docs`);
}

bootstrap().catch((error: unknown) => {
  // A bad configuration stops the boot with its own message, not a stack trace.
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
