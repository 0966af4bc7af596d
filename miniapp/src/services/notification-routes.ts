import {
  defineRoute,
  MyReportParamsSchema,
  NotificationTemplatesSchema,
  PhoneCodeRequestSchema,
  PhoneCodeSentSchema,
  PhoneSessionCreateSchema,
  ReporterSessionSchema,
  SubscriptionGrantedSchema,
  SubscriptionGrantsSchema,
} from '@mashang/shared';

/**
 * The notification routes the reporter's pages call (server notification.controller): the WeChat
 * templates and SMS switch, subscribe grants, and the phone + SMS code sign-in. Declared here from the
 * shared schemas until the shared contract lists them; same methods, paths and answers.
 */
export const notificationRoutes = {
  templates: defineRoute({
    method: 'GET',
    path: '/wechat/templates',
    summary: 'The one-time subscribe templates, and whether SMS notices and phone sign-in are on',
    response: NotificationTemplatesSchema,
    errors: [],
  }),
  grantSubscriptions: defineRoute({
    method: 'POST',
    path: '/me/reports/:ref/subscriptions',
    summary: "Stores the reporter's answer to requestSubscribeMessage for their own report",
    params: MyReportParamsSchema,
    body: SubscriptionGrantsSchema,
    status: 200,
    response: SubscriptionGrantedSchema,
    errors: ['VALIDATION_FAILED', 'REPORTER_SESSION_EXPIRED', 'REPORT_NOT_FOUND'],
  }),
  sendPhoneCode: defineRoute({
    method: 'POST',
    path: '/phone-codes',
    summary: 'Sends a 6-digit code by SMS',
    body: PhoneCodeRequestSchema,
    status: 200,
    response: PhoneCodeSentSchema,
    errors: ['VALIDATION_FAILED', 'RATE_LIMITED'],
  }),
  openPhoneSession: defineRoute({
    method: 'POST',
    path: '/phone-sessions',
    summary: "A reporter session for the phone's real-name reports",
    body: PhoneSessionCreateSchema,
    response: ReporterSessionSchema,
    errors: ['VALIDATION_FAILED', 'RATE_LIMITED'],
  }),
} as const;
