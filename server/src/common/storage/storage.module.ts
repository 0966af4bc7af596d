import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { FileStorage } from './file-storage.js';
import { LocalDiskStorage } from './local-disk-storage.js';

/** The file store of uploads: local disk under `UPLOAD_DIR`. Another store is one provider away. */
@Module({
  providers: [{ provide: FileStorage, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new LocalDiskStorage(config.uploadDir) }],
  exports: [FileStorage],
})
export class StorageModule {}
