/**
 * `SmsProvider`: sends one templated SMS to a mainland mobile. Implementations: Tencent Cloud SMS
 * (`TencentSms`), the demo log line (`DemoSms`), and none (`off`). The text is the provider's
 * approved template; we only fill its parameters, which never carry report content.
 */
export type SmsTemplate = 'progress' | 'code';

export interface SmsMessage {
  /** 11 digits, mainland. */
  phone: string;
  template: SmsTemplate;
  params: string[];
}

export type SmsResult =
  | { ok: true }
  /** `retry`: worth trying again later (the service down or busy); otherwise it will never go. */
  | { ok: false; retry: boolean; code: string };

export abstract class SmsProvider {
  /** Whether messages go anywhere at all (demo counts: it pretends to send). */
  abstract readonly enabled: boolean;
  abstract send(message: SmsMessage): Promise<SmsResult>;
}

/** 138****1234: enough for a log line to be followed, not enough to identify anyone. */
export function maskPhone(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : '***';
}
