import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { every, type StopLoop } from '../../common/every.js';
import { FileStorage } from '../../common/storage/file-storage.js';
import { OrphanedFiles } from '../../common/storage/orphaned-files.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { DisclosureAttachmentEntity } from './disclosure-attachment.entity.js';
import { DISCLOSURE_FILES_AREA } from './disclosure-attachments.service.js';

/**
 * Removes files under `disclosures/` that no disclosure attachment row names, once a day old: left by a
 * crash between writing a file and committing its row, or between removing a draft's row and its files
 * (`OrphanedFiles`: a slice of the store per run, never a file a row names as its file or thumbnail).
 */
@Injectable()
export class DisclosureFileSweep implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('DisclosureFileSweep');
  private stop: StopLoop = () => Promise.resolve();
  private readonly orphans: OrphanedFiles;

  constructor(
    dataSource: DataSource,
    storage: FileStorage,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.orphans = new OrphanedFiles(dataSource, storage, DisclosureAttachmentEntity, DISCLOSURE_FILES_AREA, this.logger);
  }

  /** One run; answers how many files it removed. */
  removeOrphanedFiles(): Promise<number> {
    return this.orphans.remove(this.clock.now());
  }

  /** On the other sweeps' interval (0: off, tests call `removeOrphanedFiles`). */
  onApplicationBootstrap(): void {
    this.stop = every(this.config.sweepIntervalSeconds, () => this.removeOrphanedFiles(), this.logger);
  }

  /** A run in progress ends before the database closes. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }
}
