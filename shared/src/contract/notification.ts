import {
  NotificationTemplatesSchema,
  PhoneCodeRequestSchema,
  PhoneCodeSentSchema,
  PhoneSessionCreateSchema,
  SubscriptionGrantedSchema,
  SubscriptionGrantsSchema,
} from '../schemas/notification.js';
import { MyReportParamsSchema, ReporterSessionSchema } from '../schemas/reporter-account.js';
import { defineRoute } from './route.js';

/** Content-free progress notices: WeChat subscribe grants, and finding one's reports by phone and an SMS code. */
export const notificationContract = {
  templates: defineRoute({
    method: 'GET',
    path: '/wechat/templates',
    summary: 'The one-time subscribe templates the mini program asks for at filing, and whether SMS notices and phone sign-in are on',
    response: NotificationTemplatesSchema,
    errors: [],
  }),
  grantSubscriptions: defineRoute({
    method: 'POST',
    path: '/me/reports/:ref/subscriptions',
    summary:
      "Stores the reporter's answer to requestSubscribeMessage for their own report (X-Reporter-Token of the WeChat session that filed it)",
    params: MyReportParamsSchema,
    body: SubscriptionGrantsSchema,
    status: 200,
    response: SubscriptionGrantedSchema,
    errors: ['VALIDATION_FAILED', 'REPORTER_SESSION_EXPIRED', 'REPORT_NOT_FOUND'],
  }),
  sendPhoneCode: defineRoute({
    method: 'POST',
    path: '/phone-codes',
    summary: 'Sends a 6-digit code by SMS (valid 5 minutes); answers the same whether or not the phone has reports',
    body: PhoneCodeRequestSchema,
    status: 200,
    response: PhoneCodeSentSchema,
    errors: ['VALIDATION_FAILED', 'RATE_LIMITED', 'SMS_UNAVAILABLE'],
  }),
  openPhoneSession: defineRoute({
    method: 'POST',
    path: '/phone-sessions',
    summary: "A reporter session for the phone's real-name reports, for the right code (5 tries per code)",
    body: PhoneSessionCreateSchema,
    response: ReporterSessionSchema,
    errors: ['VALIDATION_FAILED', 'RATE_LIMITED', 'PHONE_CODE_INVALID', 'SMS_UNAVAILABLE'],
  }),
} as const;
