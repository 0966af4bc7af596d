import { z } from 'zod';
import { CaseActionSchema, RatingReasonSchema, RatingSchema, ReportTrackSchema } from '../schemas/case.js';
import {
  ActionKeySchema,
  DueDateKindSchema,
  DueDateSchema,
  ReportAddInfoSchema,
  ReportCategorySchema,
  ReportChannelSchema,
  ReportCreateSchema,
  ReportModeSchema,
  ReportRateSchema,
  ReportReceiptSchema,
  ReportReviewRequestSchema,
  ReportStatusSchema,
  ReportStatusViewSchema,
  ReportSubjectSchema,
} from '../schemas/report.js';
import { AttachmentSchema } from '../schemas/attachment.js';
import { ErrorCodeSchema } from '../errors.js';
import { VILLAGER_ROUTE_PATHS } from '../routes.js';
import { defineRoute } from './route.js';

const CASE_ROLES = ['township_handler', 'county_supervisor'] as const;
const AUTH_ERRORS = ['UNAUTHENTICATED', 'FORBIDDEN'] as const;
const CaseParams = z.object({ reportNo: z.string().regex(/^[2-9A-HJKMNP-Z]{10}$/, { error: '编号格式不正确' }) });

const CaseDueSchema = DueDateSchema.extend({
  /** Calendar days from today (China time) to the last day; negative once overdue. */
  daysLeft: z.number().int(),
  /** How the rule counts this period: the label says 「还剩2个工作日」 or 「还剩2天」. */
  unit: z.enum(['workday', 'calendar']),
  /** Days of `unit` after today up to the last day; 0 on the last day and once overdue. */
  left: z.number().int(),
});
export type CaseDue = z.infer<typeof CaseDueSchema>;

/** A 督办 (a dated instruction the township answers) or a 催办 (a dated reminder, no clock) by the county. */
export const SupervisionSchema = z.object({
  id: z.number().int(),
  kind: z.enum(['supervise', 'urge']),
  text: z.string(),
  /** The county's name for itself and the account that wrote it. */
  by: z.string(),
  at: z.string(),
  /** The 督办's own clock; null for a 催办. */
  due: CaseDueSchema.nullable(),
  answer: z.object({ text: z.string(), by: z.string(), at: z.string() }).nullable(),
  /** When an unanswered 督办 ended because the case left the township or ended (its clock stopped; the timeline says why). */
  endedAt: z.string().nullable(),
});
export type Supervision = z.infer<typeof SupervisionSchema>;

export const CaseSummarySchema = z.object({
  reportNo: z.string(),
  villageCode: z.string(),
  villageName: z.string(),
  category: ReportCategorySchema,
  track: ReportTrackSchema,
  mode: ReportModeSchema,
  status: ReportStatusSchema,
  receivedAt: z.string(),
  /** The most urgent open deadline. */
  nextDue: CaseDueSchema.nullable(),
  level: z.enum(['township', 'county']),
  escalated: z.boolean(),
  assignee: z.string().nullable(),
  /** The township handling the case: the county's rows name it. */
  townshipName: z.string(),
  /** The clock of a 督办 not yet answered. */
  supervisionDue: CaseDueSchema.nullable(),
});
export type CaseSummary = z.infer<typeof CaseSummarySchema>;

export const CaseEventSchema = z.object({
  at: z.string(),
  type: z.string(),
  /** 反映人, 系统, or the staff member's name. */
  actor: z.string(),
  /** What the reporter reads; null for internal events. */
  publicText: z.string().nullable(),
  internalText: z.string().nullable(),
});

/** What a report opened from a table line or a chart step questions, as the villager saw it. */
export const CitationSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('disclosure'),
    disclosureId: z.number().int(),
    title: z.string(),
    versionNo: z.number().int(),
    /** A later version corrected or withdrew what the villager questioned. */
    superseded: z.boolean(),
    columns: z.array(z.string()),
    /** The questioned line, masked as published; null when the report cites the whole disclosure. */
    row: z.array(z.string()).nullable(),
    /** The same in words, as the villager's form said it: the title, the line's name and amount. */
    words: z.string().default(''),
  }),
  z.object({
    kind: z.literal('power_step'),
    powerItemId: z.number().int(),
    title: z.string(),
    /** The step's name; null when the report cites the whole item. */
    step: z.string().nullable(),
    /** The same in words, as the villager's form said it. */
    words: z.string().default(''),
  }),
]);
export type Citation = z.infer<typeof CitationSchema>;

export const CaseDetailSchema = CaseSummarySchema.extend({
  content: z.string(),
  concerned: z.string().nullable(),
  happenedAt: z.string().nullable(),
  subject: ReportSubjectSchema.nullable(),
  citation: CitationSchema.nullable(),
  channel: ReportChannelSchema,
  deadlines: z.array(CaseDueSchema),
  timeline: z.array(CaseEventSchema),
  rating: RatingSchema.nullable(),
  /** The reasons the reporter ticked when not satisfied. */
  ratingReasons: z.array(RatingReasonSchema).default([]),
  extensionUsed: z.boolean(),
  /** Days asked for by the handler and awaiting the county's approval; null when none is pending. */
  extensionRequestedDays: z.number().int().nullable(),
  /** Actions this account may take now. */
  actions: z.array(CaseActionSchema),
  /** The county's 督办 and 催办, oldest first, with the township's answers. */
  supervisions: z.array(SupervisionSchema),
  /** Which of 督办, 催办 and 回复督办 this account may do now. */
  supervisionActions: z.array(z.enum(['supervise', 'urge', 'answer'])),
  /** How the reporter's phone was verified when the report was filed (PHONE_VERIFICATIONS); null when it was not. */
  reporterPhoneVerified: z.enum(['wechat', 'sms']).nullable().default(null),
  /** The reporter's photos and files (metadata removed), oldest first; served by `reportAttachment.caseAttachment`. */
  attachments: z.array(AttachmentSchema).default([]),
  /** The content-free progress notices the reporter was sent (WeChat or SMS), oldest first: what they were told, and the China date. */
  reporterNotices: z.array(z.object({ channel: z.enum(['wechat', 'sms']), phrase: z.string(), sentOn: z.string() })).default([]),
  /** A real-name case whose reporter's name and phone were removed once the retention period after it ended had passed. */
  reporterDataRemoved: z.boolean().default(false),
  /** WeChat's text check of a real-name mini-program report (WECHAT_TEXT_CHECK=on); null when not checked. */
  textCheck: z
    .object({ suggest: z.enum(['pass', 'review', 'risky']), label: z.number().int() })
    .nullable()
    .default(null),
});
export type CaseDetail = z.infer<typeof CaseDetailSchema>;

const Reason = z.string({ error: '请填写理由' }).trim().min(5, { error: '理由至少5个字' }).max(1000, { error: '不能超过1000字' });

/** Every action may carry an idempotency key: a retry after a lost answer does nothing twice. */
const Keyed = { idempotencyKey: ActionKeySchema.optional() };

export const CaseActionInputSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('accept'), ...Keyed, publicText: z.string().trim().max(500).optional() }),
  z.object({ action: z.literal('decline'), ...Keyed, reason: Reason }),
  z.object({ action: z.literal('assign'), ...Keyed, assigneeId: z.number().int().positive() }),
  z.object({ action: z.literal('transfer_up'), ...Keyed, reason: Reason }),
  z.object({
    action: z.literal('transfer_township'),
    ...Keyed,
    townshipCode: z.string().regex(/^\d{9}$/, { error: '请选择接收的乡镇' }),
    reason: Reason,
  }),
  z.object({
    action: z.literal('transfer_out'),
    ...Keyed,
    to: z.string().trim().min(2, { error: '请填写接收单位' }).max(50),
    reason: Reason,
  }),
  z.object({ action: z.literal('request_extension'), ...Keyed, days: z.number().int().min(1).max(90), reason: Reason }),
  z.object({ action: z.literal('approve_extension'), ...Keyed }),
  /** The reason is what the reporter reads. */
  z.object({ action: z.literal('refuse_extension'), ...Keyed, reason: Reason }),
  z.object({ action: z.literal('conclude'), ...Keyed, note: z.string().trim().max(2000).optional() }),
  z.object({
    action: z.literal('reply'),
    ...Keyed,
    text: z.string({ error: '请填写答复' }).trim().min(10, { error: '答复至少10个字' }).max(5000),
  }),
  z.object({ action: z.literal('close'), ...Keyed }),
  z.object({ action: z.literal('reclassify'), ...Keyed, track: ReportTrackSchema, reason: Reason }),
  z.object({
    action: z.literal('note'),
    ...Keyed,
    text: z.string({ error: '请填写备注' }).trim().min(1, { error: '请填写备注' }).max(2000),
  }),
]);
export type CaseActionInput = z.infer<typeof CaseActionInputSchema>;

export const MARKS = { duplicate: '重复', invalid: '无效' } as const;

/** Set reports aside as 重复 (naming the earlier one) or 无效 (with a reason), up to 200 at once for a flood. */
export const CaseMarkInputSchema = z.discriminatedUnion('mark', [
  z.object({
    mark: z.literal('duplicate'),
    reportNos: z.array(CaseParams.shape.reportNo).min(1, { error: '请选择要标记的反映' }).max(200, { error: '一次最多标记200件' }),
    /** The earlier report of the same jurisdiction that is handled instead. */
    duplicateOf: CaseParams.shape.reportNo,
    reason: z.string().trim().max(1000).optional(),
    idempotencyKey: ActionKeySchema.optional(),
  }),
  z.object({
    mark: z.literal('invalid'),
    reportNos: z.array(CaseParams.shape.reportNo).min(1, { error: '请选择要标记的反映' }).max(200, { error: '一次最多标记200件' }),
    reason: Reason,
    idempotencyKey: ActionKeySchema.optional(),
  }),
]);
export type CaseMarkInput = z.infer<typeof CaseMarkInputSchema>;

export const CaseMarkResultSchema = z.object({
  marked: z.array(z.string()),
  /** Reports left as they were, each with the reason (not found, already answered, the earlier report itself). */
  refused: z.array(z.object({ reportNo: z.string(), code: ErrorCodeSchema })),
});

export const OfflineReportSchema = ReportCreateSchema.safeExtend({
  channel: z.enum(['letter', 'phone', 'visit'], { error: '请选择来信、来电或来访' }),
  /** The China date it really arrived; its clock starts then. */
  receivedOn: z.iso.date({ error: '请填写收到的日期' }),
});

export const AlertSchema = z.object({
  reportNo: z.string(),
  villageName: z.string(),
  /** `supervised`: a 督办 to answer; `urged`: the county's 催办; `answered`: the township answered the county's 督办. */
  kind: z.enum(['due_soon', 'overdue', 'escalated', 'supervised', 'urged', 'answered']),
  /** The deadline the alert is about, with the time left counted as on the case page; null for a 催办. */
  deadline: DueDateKindSchema.nullable(),
  due: CaseDueSchema.nullable(),
  /** The 催办's note, or the township's answer to a 督办. */
  note: z.string().nullable(),
  at: z.string(),
});

const SupervisionText = z
  .string({ error: '请填写督办要求' })
  .trim()
  .min(10, { error: '督办要求至少10个字' })
  .max(1000, { error: '不能超过1000字' });

export const TownshipStatsSchema = z.object({
  code: z.string(),
  name: z.string(),
  received: z.number().int(),
  acceptedOnTime: z.number().int(),
  answeredOnTime: z.number().int(),
  overdueNow: z.number().int(),
  /** Median calendar days from receipt to the first reply; null before any reply. */
  medianDaysToAnswer: z.number().nullable(),
  /** Reports set aside as 重复 or 无效: counted apart, not in `received`. */
  duplicates: z.number().int(),
  invalid: z.number().int(),
  /** Ratings by the way they came: the reporter's own, and county callbacks (回访). */
  ratingsByReporter: z.number().int(),
  ratingsByCallback: z.number().int(),
  /** Share of ratings that are 满意 or 基本满意, 0–1; null before any rating. */
  satisfaction: z.number().nullable(),
  /** The counts behind each share, so a rate is never read without how many it is of. */
  acceptanceDecided: z.number().int(),
  answered: z.number().int(),
  rated: z.number().int(),
  satisfied: z.number().int(),
});

/** Figures over reports received between two China dates, both inclusive; either may be left open. */
/** A date the figures can count from or to: the service began long after 2000, and nothing is received after 2099. */
const statsDate = (which: string) =>
  z.iso
    .date({ error: `${which}格式应为YYYY-MM-DD` })
    .refine((d) => d >= '2000-01-01' && d <= '2099-12-31', { error: `${which}应在2000年到2099年之间` });

export const StatsQuerySchema = z.object({
  from: statsDate('开始日期').optional(),
  to: statsDate('结束日期').optional(),
});

export const caseContract = {
  list: defineRoute({
    method: 'GET',
    path: '/staff/cases',
    summary: 'Cases in the jurisdiction, most urgent first',
    auth: CASE_ROLES,
    query: z.object({
      status: ReportStatusSchema.optional(),
      village: z
        .string()
        .regex(/^\d{12}$/)
        .optional(),
      category: ReportCategorySchema.optional(),
      overdue: z.enum(['true', 'false']).optional(),
      /** 待办: only cases waiting on this level (a staff duty open, a 督办 to answer, an extension to decide). */
      todo: z.enum(['true', 'false']).optional(),
      /** Cases to skip, most urgent first; every case is reachable by paging. */
      offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
      limit: z.coerce.number().int().min(1).max(200).default(50),
    }),
    /**
     * `total`: how many cases match, over all pages, counted up to the next ten thousand past this page;
     * `totalCapped`: more match than that (the list still pages through every one); absent from a
     * server older than the field, which counted every case.
     */
    response: z.object({ items: z.array(CaseSummarySchema), total: z.number().int(), totalCapped: z.boolean().default(false) }),
    errors: ['VALIDATION_FAILED', ...AUTH_ERRORS],
  }),
  get: defineRoute({
    method: 'GET',
    path: '/staff/cases/:reportNo',
    summary: 'A case with its deadlines, timeline and the actions allowed now',
    auth: CASE_ROLES,
    params: CaseParams,
    response: CaseDetailSchema,
    errors: ['CASE_NOT_FOUND', ...AUTH_ERRORS],
  }),
  act: defineRoute({
    method: 'POST',
    path: '/staff/cases/:reportNo/actions',
    summary: 'Take an action on a case; refused with nothing changed when the state does not allow it',
    auth: CASE_ROLES,
    params: CaseParams,
    body: CaseActionInputSchema,
    status: 200,
    response: CaseDetailSchema,
    errors: [
      'VALIDATION_FAILED',
      'CASE_NOT_FOUND',
      'ACTION_NOT_ALLOWED',
      'EXTENSION_NOT_ALLOWED',
      'EXTENSION_ALREADY_USED',
      'EXTENSION_TOO_LONG',
      'EXTENSION_NOT_PROVIDED',
      'EXTENSION_PENDING',
      'OWN_REQUEST',
      'ASSIGNEE_INVALID',
      'TOWNSHIP_INVALID',
      'IDEMPOTENCY_KEY_REUSED',
      ...AUTH_ERRORS,
    ],
  }),
  callbackRating: defineRoute({
    method: 'POST',
    path: '/staff/cases/:reportNo/callback-rating',
    summary: "Record the rating a reporter gave on the county's callback (回访), under the county account's name",
    auth: ['county_supervisor'],
    params: CaseParams,
    body: z.object({
      rating: RatingSchema,
      /** What the reporter said on the call. */
      note: z.string().trim().max(500, { error: '不能超过500字' }).optional(),
      idempotencyKey: ActionKeySchema.optional(),
    }),
    status: 200,
    response: CaseDetailSchema,
    errors: ['VALIDATION_FAILED', 'CASE_NOT_FOUND', 'ACTION_NOT_ALLOWED', 'IDEMPOTENCY_KEY_REUSED', ...AUTH_ERRORS],
  }),
  supervise: defineRoute({
    method: 'POST',
    path: '/staff/cases/:reportNo/supervise',
    summary: '督办 an escalated or overdue case: an instruction with a date by which the township must answer',
    auth: ['county_supervisor'],
    params: CaseParams,
    body: z.object({
      text: SupervisionText,
      /** The last day for the township's answer: from tomorrow to 30 days on (China dates). */
      dueOn: z.iso.date({ error: '请选择回复期限' }),
      idempotencyKey: ActionKeySchema.optional(),
    }),
    status: 200,
    response: CaseDetailSchema,
    errors: ['VALIDATION_FAILED', 'CASE_NOT_FOUND', 'ACTION_NOT_ALLOWED', 'SUPERVISION_PENDING', 'IDEMPOTENCY_KEY_REUSED', ...AUTH_ERRORS],
  }),
  urge: defineRoute({
    method: 'POST',
    path: '/staff/cases/:reportNo/urge',
    summary: '催办 an escalated or overdue case: a dated reminder to the township, with no clock of its own',
    auth: ['county_supervisor'],
    params: CaseParams,
    body: z.object({
      text: z.string({ error: '请填写催办内容' }).trim().min(2, { error: '请填写催办内容' }).max(500, { error: '不能超过500字' }),
      idempotencyKey: ActionKeySchema.optional(),
    }),
    status: 200,
    response: CaseDetailSchema,
    errors: ['VALIDATION_FAILED', 'CASE_NOT_FOUND', 'ACTION_NOT_ALLOWED', 'IDEMPOTENCY_KEY_REUSED', ...AUTH_ERRORS],
  }),
  answerSupervision: defineRoute({
    method: 'POST',
    path: '/staff/cases/:reportNo/supervision-answer',
    summary: "The township's answer to the open 督办; the county reads it on the case page",
    auth: ['township_handler'],
    params: CaseParams,
    body: z.object({
      text: z.string({ error: '请填写回复' }).trim().min(10, { error: '回复至少10个字' }).max(2000, { error: '不能超过2000字' }),
      idempotencyKey: ActionKeySchema.optional(),
    }),
    status: 200,
    response: CaseDetailSchema,
    errors: ['VALIDATION_FAILED', 'CASE_NOT_FOUND', 'ACTION_NOT_ALLOWED', 'IDEMPOTENCY_KEY_REUSED', ...AUTH_ERRORS],
  }),
  transfersOut: defineRoute({
    method: 'GET',
    path: '/staff/transfers-out',
    summary: 'Cases the township transferred to another: a read-only line each, without content, reporter or later notes',
    auth: ['township_handler'],
    response: z.object({
      items: z.array(z.object({ reportNo: z.string(), toTownshipName: z.string(), at: z.string() })),
    }),
    errors: [...AUTH_ERRORS],
  }),
  mark: defineRoute({
    method: 'POST',
    path: '/staff/cases/mark',
    summary: 'Mark reports as 重复 (linking the earlier one) or 无效 (with a reason), in bulk; each is audited and leaves the inbox',
    auth: CASE_ROLES,
    body: CaseMarkInputSchema,
    status: 200,
    response: CaseMarkResultSchema,
    errors: ['VALIDATION_FAILED', 'DUPLICATE_OF_INVALID', 'IDEMPOTENCY_KEY_REUSED', ...AUTH_ERRORS],
  }),
  reveal: defineRoute({
    method: 'POST',
    path: '/staff/cases/:reportNo/reveal',
    summary: "Show a real-name reporter's name and phone; every reveal is written to the audit log",
    auth: CASE_ROLES,
    params: CaseParams,
    status: 200,
    response: z.object({ name: z.string(), phone: z.string() }),
    errors: ['CASE_NOT_FOUND', 'ACTION_NOT_ALLOWED', ...AUTH_ERRORS],
  }),
  recordOffline: defineRoute({
    method: 'POST',
    path: '/staff/reports',
    summary: 'Record a report received by letter, phone or visit, with the date it arrived',
    auth: CASE_ROLES,
    body: OfflineReportSchema,
    response: ReportReceiptSchema,
    errors: ['VALIDATION_FAILED', 'VILLAGE_NOT_FOUND', 'IDEMPOTENCY_KEY_REUSED', ...AUTH_ERRORS],
  }),
  alerts: defineRoute({
    method: 'GET',
    path: '/staff/alerts',
    summary: 'Reminders, overdue flags and escalations on open cases in the jurisdiction',
    auth: CASE_ROLES,
    response: z.object({ items: z.array(AlertSchema) }),
    errors: [...AUTH_ERRORS],
  }),
  villages: defineRoute({
    method: 'GET',
    path: '/staff/villages',
    summary: 'The villages of the jurisdiction, for filters and for recording a report',
    auth: CASE_ROLES,
    response: z.object({ items: z.array(z.object({ code: z.string(), name: z.string(), townshipName: z.string() })) }),
    errors: [...AUTH_ERRORS],
  }),
  handlers: defineRoute({
    method: 'GET',
    path: '/staff/handlers',
    summary: 'Staff of the jurisdiction a case can be assigned to',
    auth: CASE_ROLES,
    response: z.object({ items: z.array(z.object({ id: z.number().int(), displayName: z.string(), regionName: z.string() })) }),
    errors: [...AUTH_ERRORS],
  }),
  townships: defineRoute({
    method: 'GET',
    path: '/staff/townships',
    summary: 'The other townships of the county, which a case can be transferred to',
    auth: CASE_ROLES,
    response: z.object({ items: z.array(z.object({ code: z.string(), name: z.string() })) }),
    errors: [...AUTH_ERRORS],
  }),
  stats: defineRoute({
    method: 'GET',
    path: '/staff/stats',
    summary: 'Figures per township over reports received in a date range, and the overdue cases (the most overdue, at most 100)',
    auth: ['county_supervisor'],
    query: StatsQuerySchema,
    response: z.object({
      townships: z.array(TownshipStatsSchema),
      overdue: z.array(CaseSummarySchema),
      /** Every overdue case in the range; `overdue` lists the first of them. */
      overdueTotal: z.number().int(),
    }),
    errors: [...AUTH_ERRORS],
  }),
};

/** What the holder of a query code can do; the code travels in the body, never in a URL. */
export const reporterContract = {
  rate: defineRoute({
    ...VILLAGER_ROUTE_PATHS.reporterRate,
    summary: 'Rate the reply',
    body: ReportRateSchema,
    status: 200,
    response: ReportStatusViewSchema,
    errors: [
      'VALIDATION_FAILED',
      'QUERY_CODE_NOT_FOUND',
      'ACTION_NOT_ALLOWED',
      'RATING_NOT_YOURS',
      'IDEMPOTENCY_KEY_REUSED',
      'RATE_LIMITED',
    ],
  }),
  requestReview: defineRoute({
    ...VILLAGER_ROUTE_PATHS.reporterRequestReview,
    summary: 'Ask for a review (复查) after rating the reply 不满意, within the allowed period',
    body: ReportReviewRequestSchema,
    status: 200,
    response: ReportStatusViewSchema,
    errors: [
      'VALIDATION_FAILED',
      'QUERY_CODE_NOT_FOUND',
      'ACTION_NOT_ALLOWED',
      'REVIEW_PERIOD_ENDED',
      'IDEMPOTENCY_KEY_REUSED',
      'RATE_LIMITED',
    ],
  }),
  addInfo: defineRoute({
    ...VILLAGER_ROUTE_PATHS.reporterAddInfo,
    summary: 'Add information to an open report',
    body: ReportAddInfoSchema,
    status: 200,
    response: ReportStatusViewSchema,
    errors: ['VALIDATION_FAILED', 'QUERY_CODE_NOT_FOUND', 'ACTION_NOT_ALLOWED', 'IDEMPOTENCY_KEY_REUSED', 'RATE_LIMITED'],
  }),
};
