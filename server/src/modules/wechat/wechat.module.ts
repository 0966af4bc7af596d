import { Module } from '@nestjs/common';
import { WechatApi } from './wechat-api.js';

/** The WeChat platform client; import this module to inject `WechatApi`. */
@Module({
  providers: [WechatApi],
  exports: [WechatApi],
})
export class WechatModule {}
