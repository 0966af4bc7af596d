import { z } from 'zod';
import { isSatisfiedRating } from '../labels.js';
import { RatingReasonsSchema, RatingSchema } from './case.js';
import { ActionKeySchema, ReportCategorySchema, ReportNextStepSchema, ReportStatusSchema } from './report.js';

/** How a real-name reporter's phone was verified, as staff read it beside the phone on the case. */
export const PHONE_VERIFICATIONS = {
  wechat: '手机号已验证（微信）',
  sms: '手机号已验证（短信）',
} as const;
export type PhoneVerification = keyof typeof PHONE_VERIFICATIONS;

/** A one-time code from the mini program (`Taro.login`, or the getPhoneNumber button); it lives 5 minutes. */
const WechatCodeField = z
  .string({ error: '微信登录信息缺失，请重新进入' })
  .trim()
  .min(1, { error: '微信登录信息缺失，请重新进入' })
  .max(128, { error: '微信登录信息无效，请重新进入' });

export const WechatLoginSchema = z.object({ code: WechatCodeField });
export type WechatLogin = z.infer<typeof WechatLoginSchema>;

export const WechatPhoneSchema = z.object({ code: WechatCodeField });
export type WechatPhone = z.infer<typeof WechatPhoneSchema>;

export const ReporterSessionSchema = z.object({
  token: z.string(),
  /** ISO time after which the server no longer takes the token. */
  expiresAt: z.string(),
});
export type ReporterSession = z.infer<typeof ReporterSessionSchema>;

/** The phone WeChat vouched for: a real-name filing from this session with this phone is marked verified. */
export const VerifiedPhoneSchema = z.object({ phone: z.string() });
export type VerifiedPhone = z.infer<typeof VerifiedPhoneSchema>;

/** A report's reference in 我的反映: its number, used in paths, never shown to the reporter. */
export const MyReportRefSchema = z.string().regex(/^[2-9A-HJKMNP-Z]{10}$/, { error: '没有找到这件反映' });
export const MyReportParamsSchema = z.object({ ref: MyReportRefSchema });

export const MyReportsQuerySchema = z.object({
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type MyReportsQuery = z.infer<typeof MyReportsQuerySchema>;

export const MyReportSummarySchema = z.object({
  ref: MyReportRefSchema,
  villageName: z.string(),
  category: ReportCategorySchema,
  status: ReportStatusSchema,
  receivedAt: z.string(),
  next: ReportNextStepSchema,
});
export type MyReportSummary = z.infer<typeof MyReportSummarySchema>;

/** Newest first; `total` counts every page. */
export const MyReportsSchema = z.object({ items: z.array(MyReportSummarySchema), total: z.number().int() });
export type MyReports = z.infer<typeof MyReportsSchema>;

/** The query-code actions' bodies, for a signed-in reporter's own report (the session stands in for the code). */
export const MyReportRateSchema = z
  .object({
    idempotencyKey: ActionKeySchema.optional(),
    rating: RatingSchema,
    reasons: RatingReasonsSchema.optional(),
    comment: z.string().trim().max(500, { error: '不能超过500字' }).optional(),
  })
  .refine((input) => !input.reasons?.length || !isSatisfiedRating(input.rating), {
    error: '满意时不需要选择不满意的原因',
    path: ['reasons'],
  });
export const MyReportReviewRequestSchema = z.object({
  idempotencyKey: ActionKeySchema.optional(),
  reason: z.string({ error: '请说明不满意的原因' }).trim().min(5, { error: '请至少写5个字，说明不满意的原因' }).max(2000),
});
export const MyReportAddInfoSchema = z.object({
  idempotencyKey: ActionKeySchema.optional(),
  text: z.string({ error: '请填写补充的内容' }).trim().min(5, { error: '请至少写5个字' }).max(5000, { error: '不能超过5000字' }),
});
