import { Module } from '@nestjs/common';
import { CaseModule } from '../case/case.module.js';
import { NotificationModule } from '../notification/notification.module.js';
import { WechatModule } from '../wechat/wechat.module.js';
import { TextCheck } from './text-check.js';

/** WeChat's text check of real-name mini-program reports, when configured; the verdict is for staff only. */
@Module({
  imports: [CaseModule, NotificationModule, WechatModule],
  providers: [TextCheck],
})
export class TextCheckModule {}
