import { z } from 'zod';
import { ReportStatusViewSchema } from '../schemas/report.js';
import {
  MyReportAddInfoSchema,
  MyReportParamsSchema,
  MyReportRateSchema,
  MyReportReviewRequestSchema,
  MyReportsQuerySchema,
  MyReportsSchema,
  ReporterSessionSchema,
  VerifiedPhoneSchema,
  WechatLoginSchema,
  WechatPhoneSchema,
} from '../schemas/reporter-account.js';
import { VILLAGER_ROUTE_PATHS } from '../routes.js';
import { defineRoute } from './route.js';

/**
 * A reporter's own sign-in and 我的反映. Every route but `wechatLogin` needs the reporter's session
 * token in the `X-Reporter-Token` header (REPORTER_TOKEN_HEADER); without a live one they answer
 * REPORTER_SESSION_EXPIRED. Only real-name reports filed while signed in (or with the session's
 * phone) are listed; an anonymous report is never linked to anyone.
 */
export const reporterAccountContract = {
  wechatLogin: defineRoute({
    ...VILLAGER_ROUTE_PATHS.wechatLogin,
    summary: 'Sign a reporter in with the code of the mini program’s wx.login (a WeChat session of 30 days)',
    body: WechatLoginSchema,
    status: 200,
    response: ReporterSessionSchema,
    errors: [
      'VALIDATION_FAILED',
      'RATE_LIMITED',
      'WECHAT_UNAVAILABLE',
      'WECHAT_CODE_INVALID',
      'WECHAT_TOO_FREQUENT',
      'WECHAT_USER_BLOCKED',
      'WECHAT_BUSY',
    ],
  }),
  wechatPhone: defineRoute({
    ...VILLAGER_ROUTE_PATHS.wechatPhone,
    summary: 'The phone number WeChat vouches for (getPhoneNumber code), remembered on the session as verified for 30 minutes',
    body: WechatPhoneSchema,
    status: 200,
    response: VerifiedPhoneSchema,
    errors: [
      'VALIDATION_FAILED',
      'REPORTER_SESSION_EXPIRED',
      'RATE_LIMITED',
      'WECHAT_UNAVAILABLE',
      'WECHAT_CODE_INVALID',
      'WECHAT_TOO_FREQUENT',
      'WECHAT_USER_BLOCKED',
      'WECHAT_BUSY',
    ],
  }),
  myReports: defineRoute({
    ...VILLAGER_ROUTE_PATHS.myReports,
    summary: 'The signed-in reporter’s own real-name reports, newest first',
    query: MyReportsQuerySchema,
    response: MyReportsSchema,
    errors: ['VALIDATION_FAILED', 'REPORTER_SESSION_EXPIRED'],
  }),
  myReport: defineRoute({
    ...VILLAGER_ROUTE_PATHS.myReport,
    summary: 'One of the reporter’s own reports, as the query-code lookup shows it; anyone else’s is not found',
    params: MyReportParamsSchema,
    response: ReportStatusViewSchema,
    errors: ['REPORT_NOT_FOUND', 'REPORTER_SESSION_EXPIRED', 'RATE_LIMITED'],
  }),
  rate: defineRoute({
    ...VILLAGER_ROUTE_PATHS.myReportRate,
    summary: 'Rate the reply to one of the reporter’s own reports',
    params: MyReportParamsSchema,
    body: MyReportRateSchema,
    status: 200,
    response: ReportStatusViewSchema,
    errors: [
      'VALIDATION_FAILED',
      'REPORT_NOT_FOUND',
      'REPORTER_SESSION_EXPIRED',
      'ACTION_NOT_ALLOWED',
      'RATING_PERIOD_ENDED',
      'IDEMPOTENCY_KEY_REUSED',
      'RATE_LIMITED',
    ],
  }),
  requestReview: defineRoute({
    ...VILLAGER_ROUTE_PATHS.myReportReview,
    summary: 'Ask for a review (复查) of one of the reporter’s own reports',
    params: MyReportParamsSchema,
    body: MyReportReviewRequestSchema,
    status: 200,
    response: ReportStatusViewSchema,
    errors: [
      'VALIDATION_FAILED',
      'REPORT_NOT_FOUND',
      'REPORTER_SESSION_EXPIRED',
      'ACTION_NOT_ALLOWED',
      'REVIEW_PERIOD_ENDED',
      'IDEMPOTENCY_KEY_REUSED',
      'RATE_LIMITED',
    ],
  }),
  addInfo: defineRoute({
    ...VILLAGER_ROUTE_PATHS.myReportAddInfo,
    summary: 'Add information to one of the reporter’s own open reports',
    params: MyReportParamsSchema,
    body: MyReportAddInfoSchema,
    status: 200,
    response: ReportStatusViewSchema,
    errors: [
      'VALIDATION_FAILED',
      'REPORT_NOT_FOUND',
      'REPORTER_SESSION_EXPIRED',
      'ACTION_NOT_ALLOWED',
      'IDEMPOTENCY_KEY_REUSED',
      'RATE_LIMITED',
    ],
  }),
  signOut: defineRoute({
    ...VILLAGER_ROUTE_PATHS.reporterSignOut,
    summary: 'Sign the reporter out: the token stops working at once',
    response: z.object({ ok: z.literal(true) }),
    errors: [],
  }),
} as const;
