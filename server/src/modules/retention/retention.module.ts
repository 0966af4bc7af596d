import { Module } from '@nestjs/common';
import { CaseModule } from '../case/case.module.js';
import { RetentionSweep } from './retention-sweep.js';

/** Removes reporters' personal data from cases ended longer ago than the retention period. */
@Module({
  imports: [CaseModule],
  providers: [RetentionSweep],
})
export class RetentionModule {}
