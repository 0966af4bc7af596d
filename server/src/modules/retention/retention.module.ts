import { Module } from '@nestjs/common';
import { StorageModule } from '../../common/storage/storage.module.js';
import { CaseModule } from '../case/case.module.js';
import { PrivacyController } from './privacy.controller.js';
import { RetentionSweep } from './retention-sweep.js';

/** Removes reporters' personal data from cases ended longer ago than the retention period; tells the privacy page that period. */
@Module({
  imports: [CaseModule, StorageModule],
  controllers: [PrivacyController],
  providers: [RetentionSweep],
})
export class RetentionModule {}
