import { Module } from '@nestjs/common';
import { CaseModule } from '../case/case.module.js';
import { SmsModule } from '../sms/sms.module.js';
import { Outbox } from './outbox.js';
import { OutboxWorker } from './outbox-worker.js';
import { ProgressNotices } from './progress-notices.js';

/**
 * Content-free progress notices to reporters, and the outbox that carries them (and other work done
 * outside requests: other modules register their job kinds on `Outbox`).
 */
@Module({
  imports: [CaseModule, SmsModule],
  providers: [Outbox, OutboxWorker, ProgressNotices],
  exports: [Outbox],
})
export class NotificationModule {}
