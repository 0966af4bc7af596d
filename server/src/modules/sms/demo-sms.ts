import { Logger } from '@nestjs/common';
import { type SmsMessage, SmsProvider, type SmsResult, maskPhone } from './sms-provider.js';

/**
 * The demo's SMS: nothing is sent; a masked line goes to the server log, with the parameters (the
 * sign-in code among them) so the demo can be walked through. Refused in production by the config.
 */
export class DemoSms extends SmsProvider {
  readonly enabled = true;
  private readonly logger = new Logger('Sms');

  send(message: SmsMessage): Promise<SmsResult> {
    this.logger.log(`演示短信（未发送）至 ${maskPhone(message.phone)}：${message.template} [${message.params.join(', ')}]`);
    return Promise.resolve({ ok: true });
  }
}

/** No SMS at all: reporters without WeChat are told nothing, and phone sign-in is off. */
export class NoSms extends SmsProvider {
  readonly enabled = false;

  send(): Promise<SmsResult> {
    return Promise.resolve({ ok: false, retry: false, code: 'SMS_OFF' });
  }
}
