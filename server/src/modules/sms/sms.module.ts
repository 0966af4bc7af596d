import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { DemoSms, NoSms } from './demo-sms.js';
import { SmsProvider } from './sms-provider.js';
import { TencentSms } from './tencent-sms.js';

/** The SMS provider SMS_PROVIDER names; import this module to inject `SmsProvider`. */
@Module({
  providers: [
    {
      provide: SmsProvider,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): SmsProvider =>
        config.sms.tencent ? new TencentSms(config.sms.tencent) : config.sms.provider === 'demo' ? new DemoSms() : new NoSms(),
    },
  ],
  exports: [SmsProvider],
})
export class SmsModule {}
