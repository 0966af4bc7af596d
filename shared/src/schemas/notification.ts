import { z } from 'zod';

/**
 * The progress a reporter can be told of, each with its own one-time WeChat subscribe template
 * (受理结果, 办理结果, 复查结果). A message says only that there is news, never what the case is.
 */
export const PROGRESS_EVENTS = {
  accepted: '受理结果',
  answered: '办理结果',
  reviewed: '复查结果',
} as const;
export type ProgressEvent = keyof typeof PROGRESS_EVENTS;
export const ProgressEventSchema = z.enum(Object.keys(PROGRESS_EVENTS) as [ProgressEvent, ...ProgressEvent[]]);

/** What the mini program asks the reporter to allow, and whether H5 reporters with a phone get an SMS. */
export const NotificationTemplatesSchema = z.object({
  /** The configured one-time templates (at most three, asked for in one tap); empty when WeChat is not set up. */
  templates: z.array(z.object({ event: ProgressEventSchema, templateId: z.string() })),
  /** Real-name reporters who gave a phone (H5, no WeChat) get a content-free SMS on progress. */
  smsNotifications: z.boolean(),
  /** Reporters can find their reports by phone number and an SMS code. */
  phoneLogin: z.boolean(),
});
export type NotificationTemplates = z.infer<typeof NotificationTemplatesSchema>;

/** One answer of `wx.requestSubscribeMessage` per template id. */
export const SUBSCRIBE_ANSWERS = ['accept', 'reject', 'ban', 'filter'] as const;
export type SubscribeAnswer = (typeof SUBSCRIBE_ANSWERS)[number];

/**
 * The answer of `wx.requestSubscribeMessage` as the mini program got it: template id → accept,
 * reject, ban or filter. Its `errMsg` and ids that are not ours are ignored, so it can be posted as is.
 */
export const SubscriptionGrantsSchema = z.object({
  results: z
    .record(z.string().max(128), z.string().max(200))
    .refine((results) => Object.keys(results).length <= 10, { error: '授权结果太多了' }),
});
export type SubscriptionGrants = z.infer<typeof SubscriptionGrantsSchema>;

export const SubscriptionGrantedSchema = z.object({
  /** The events the reporter will be told of by WeChat. */
  granted: z.array(ProgressEventSchema),
});

const PhoneSchema = z
  .string({ error: '请填写手机号' })
  .trim()
  .regex(/^1[3-9]\d{9}$/, { error: '请填写11位手机号' });

export const PhoneCodeRequestSchema = z.object({ phone: PhoneSchema });

/** Said the same whether or not the phone has any reports. */
export const PhoneCodeSentSchema = z.object({
  /** Seconds before another code may be asked for this phone. */
  resendAfterSeconds: z.number().int(),
  /** Seconds the code stays valid. */
  expiresInSeconds: z.number().int(),
});

export const PHONE_CODE_DIGITS = 6;

export const PhoneSessionCreateSchema = z.object({
  phone: PhoneSchema,
  code: z
    .string({ error: '请填写验证码' })
    .trim()
    .regex(/^\d{6}$/, { error: '验证码是6位数字' }),
});
