import { Module } from '@nestjs/common';
import { CaseModule } from '../case/case.module.js';
import { SmsModule } from '../sms/sms.module.js';
import { NotificationController } from './notification.controller.js';
import { Outbox } from './outbox.js';
import { OutboxWorker } from './outbox-worker.js';
import { PhoneLogin } from './phone-login.js';
import { ProgressNotices } from './progress-notices.js';
import { Subscriptions } from './subscriptions.js';
import { WechatNotices } from './wechat-notices.js';
import { WechatModule } from '../wechat/wechat.module.js';

/**
 * Content-free progress notices to reporters and the outbox that carries them (other modules register
 * their own job kinds on `Outbox`), the mini program's subscribe grants, and phone sign-in by SMS code.
 * The reporter module (global) provides the sessions and accounts.
 */
@Module({
  imports: [CaseModule, SmsModule, WechatModule],
  controllers: [NotificationController],
  providers: [Outbox, OutboxWorker, ProgressNotices, WechatNotices, Subscriptions, PhoneLogin],
  exports: [Outbox],
})
export class NotificationModule {}
