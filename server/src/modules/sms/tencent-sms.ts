import { Logger } from '@nestjs/common';
import type { TencentSmsConfig } from '../../config/notification-config.js';
import { type SmsMessage, SmsProvider, type SmsResult, maskPhone } from './sms-provider.js';
import { TC3_CONTENT_TYPE, tc3Authorization } from './tc3-signature.js';

const TIMEOUT_MS = 10_000;

/** Answers worth another try later: Tencent busy or down, or a per-number rate limit that passes. */
function retryable(code: string): boolean {
  return (
    code.startsWith('InternalError') ||
    code === 'RequestLimitExceeded' ||
    code === 'LimitExceeded.PhoneNumberThirtySecondLimit' ||
    code === 'LimitExceeded.PhoneNumberOneHourLimit' ||
    // Keys mistyped or rotated: an operator can fix them before the job runs out of attempts.
    code.startsWith('AuthFailure')
  );
}

interface SendSmsAnswer {
  Response?: {
    Error?: { Code?: string; Message?: string };
    SendStatusSet?: Array<{ Code?: string; PhoneNumber?: string }>;
    RequestId?: string;
  };
}

/**
 * Tencent Cloud SMS, API 3.0 `SendSms` (version 2021-01-11), signed with TC3-HMAC-SHA256. The sign
 * name and templates are the ones approved in the SMS console (configuration); only the template's
 * parameters travel with each message.
 */
export class TencentSms extends SmsProvider {
  readonly enabled = true;
  private readonly logger = new Logger('Sms');

  constructor(private readonly config: TencentSmsConfig) {
    super();
  }

  async send(message: SmsMessage): Promise<SmsResult> {
    const { config } = this;
    const url = new URL(`${config.apiBase}/`);
    const payload = JSON.stringify({
      PhoneNumberSet: [`+86${message.phone}`],
      SmsSdkAppId: config.sdkAppId,
      SignName: config.signName,
      TemplateId: config.templates[message.template],
      TemplateParamSet: message.params,
    });
    // Tencent refuses a timestamp more than five minutes off its own clock: the real time, not the app's clock.
    const timestamp = Math.floor(Date.now() / 1000);
    const authorization = tc3Authorization({
      host: url.host,
      action: 'SendSms',
      payload,
      timestamp,
      service: 'sms',
      secretId: config.secretId,
      secretKey: config.secretKey.reveal(),
    });
    let answer: SendSmsAnswer;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': TC3_CONTENT_TYPE,
          'x-tc-action': 'SendSms',
          'x-tc-version': '2021-01-11',
          'x-tc-timestamp': String(timestamp),
          'x-tc-region': config.region,
          authorization,
        },
        body: payload,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      if (!response.ok) return this.failed(message, `HTTP ${response.status}`, true);
      answer = (await response.json()) as SendSmsAnswer;
    } catch (error) {
      return this.failed(message, error instanceof Error ? error.name : 'unreachable', true);
    }
    const failure = answer.Response?.Error?.Code;
    if (failure) return this.failed(message, failure, retryable(failure));
    const status = answer.Response?.SendStatusSet?.[0]?.Code;
    if (status === 'Ok') return { ok: true };
    return this.failed(message, status ?? 'no status', status ? retryable(status) : true);
  }

  private failed(message: SmsMessage, code: string, retry: boolean): SmsResult {
    // The masked number and the provider's code only: never the parameters (a sign-in code).
    this.logger.warn(`SMS (${message.template}) to ${maskPhone(message.phone)} not sent: ${code}`);
    return { ok: false, retry, code };
  }
}
