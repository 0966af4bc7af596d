import { z } from 'zod';
import { ProofOfWorkSolutionSchema } from '../proof-of-work.js';
import { isSatisfiedRating } from '../labels.js';
import { RatingReasonSchema, RatingReasonsSchema, RatingSchema, ReportTrackSchema } from './case.js';
import { VillageCodeSchema } from './region.js';
import { ReportAttachmentIdsSchema } from './report-attachment.js';

export const REPORT_CATEGORIES = {
  embezzlement: '贪污侵占',
  misappropriation: '截留挪用',
  false_claims: '虚报冒领',
  favoritism: '优亲厚友',
  extortion: '吃拿卡要',
  collective_assets: '三资管理',
  construction: '工程项目',
  welfare_funds: '惠民资金',
  conduct: '作风问题',
  other: '其他',
} as const;
export type ReportCategory = keyof typeof REPORT_CATEGORIES;
export const ReportCategorySchema = z.enum(Object.keys(REPORT_CATEGORIES) as [ReportCategory, ...ReportCategory[]], {
  error: '请选择反映的问题类别',
});

/** How a report came in: scanned online, a letter, a call or a visit recorded by staff, or a red flag of 大数据比对. */
export const REPORT_CHANNELS = {
  online: '扫码反映',
  letter: '来信',
  phone: '来电',
  visit: '来访',
  data_check: '大数据比对',
} as const;
export type ReportChannel = keyof typeof REPORT_CHANNELS;
export const ReportChannelSchema = z.enum(Object.keys(REPORT_CHANNELS) as [ReportChannel, ...ReportChannel[]]);

export const REPORT_MODES = {
  real_name: '实名反映',
  anonymous: '匿名反映',
} as const;
export type ReportMode = keyof typeof REPORT_MODES;
export const ReportModeSchema = z.enum(['real_name', 'anonymous'], { error: '请选择实名或匿名' });

/** The life of a report, as its reporter and staff see it. */
export const REPORT_STATUSES = {
  submitted: '待受理',
  accepted: '办理中',
  concluded: '已办结，待答复',
  declined: '不予受理',
  transferred: '已转办',
  replied: '已答复',
  under_review: '复查中',
  closed: '已办结',
  /** Set aside by a handler: the same matter as an earlier report, which is handled instead. */
  duplicate: '重复反映，并入此前的反映办理',
  /** Set aside by a handler, with a reason: not a report (spam, empty, a test). */
  invalid: '无效反映',
} as const;
export type ReportStatus = keyof typeof REPORT_STATUSES;
export const ReportStatusSchema = z.enum(Object.keys(REPORT_STATUSES) as [ReportStatus, ...ReportStatus[]]);

export const ReporterSchema = z.object({
  name: z.string({ error: '请填写姓名' }).trim().min(2, { error: '姓名至少两个字' }).max(20, { error: '姓名不能超过20个字' }),
  phone: z
    .string({ error: '请填写手机号' })
    .trim()
    .regex(/^1\d{10}$/, { error: '请填写11位手机号' }),
});
export type Reporter = z.infer<typeof ReporterSchema>;

/** What the report is about, when it was opened from a power item, a chart step or a table line. */
export const ReportSubjectSchema = z.object({
  powerItemId: z.number().int().positive().optional(),
  powerStep: z.string().max(40).optional(),
  disclosureId: z.number().int().positive().optional(),
  /** The version the villager read, so a later correction does not change what was questioned. */
  disclosureVersion: z.number().int().positive().optional(),
  disclosureRow: z.number().int().min(0).optional(),
});
export type ReportSubject = z.infer<typeof ReportSubjectSchema>;

export const ReportCreateSchema = z
  .object({
    /** Chosen by the client once per form; a retry with the same key returns the same report. */
    idempotencyKey: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, { error: '提交标识无效，请重新打开表单' }),
    villageCode: VillageCodeSchema,
    mode: ReportModeSchema,
    /** Until every client asks, a report without a track is taken as an accusation; staff can correct it. */
    track: ReportTrackSchema.default('accusation'),
    category: ReportCategorySchema,
    content: z
      .string({ error: '请写下发生了什么' })
      .trim()
      .min(10, { error: '请至少写10个字，说清楚发生了什么' })
      .max(5000, { error: '内容不能超过5000字' }),
    concerned: z.string().trim().max(100, { error: '不能超过100个字' }).optional(),
    happenedAt: z.string().trim().max(50, { error: '不能超过50个字' }).optional(),
    reporter: ReporterSchema.optional(),
    subject: ReportSubjectSchema.optional(),
    /** Ids of photos or files uploaded first (`POST /uploads`), each good for one filing within a day. */
    attachments: ReportAttachmentIdsSchema.optional(),
    /** Sent again with a solved challenge when the server asked for one (PROOF_OF_WORK_REQUIRED). */
    proofOfWork: ProofOfWorkSolutionSchema.optional(),
  })
  .superRefine((report, ctx) => {
    if (report.mode === 'real_name' && !report.reporter) {
      ctx.addIssue({ code: 'custom', path: ['reporter'], message: '实名反映请填写姓名和手机号' });
    }
    if (report.mode === 'anonymous' && report.reporter) {
      // Refuse rather than drop: a client that sends identity with an anonymous report is broken.
      ctx.addIssue({ code: 'custom', path: ['reporter'], message: '匿名反映不收集姓名和手机号' });
    }
  });
export type ReportCreate = z.infer<typeof ReportCreateSchema>;

/** Every deadline the rules can set; `config/deadline-rules.json` may use only these. */
export const DUE_DATE_KINDS = {
  acceptance: '告知是否受理',
  transfer_up: '报送上级',
  transferred_in: '转来件受理或转出',
  handling: '办理答复',
  feedback: '反馈办理结果',
  review_request: '申请复查截止',
  review: '复查答复',
  /** The county's 督办: the date it set for the township's answer. */
  supervision: '回复督办',
} as const;
export type DueDateKind = keyof typeof DUE_DATE_KINDS;

/** Periods that are the reporter's to use, not duties of the staff: never reminded, overdue or escalated. */
export const REPORTER_DEADLINE_KINDS: readonly DueDateKind[] = ['review_request'];
export const isStaffDuty = (kind: DueDateKind): boolean => !REPORTER_DEADLINE_KINDS.includes(kind);
export const DueDateKindSchema = z.enum(Object.keys(DUE_DATE_KINDS) as [DueDateKind, ...DueDateKind[]]);

export const DueDateSchema = z.object({
  kind: DueDateKindSchema,
  /** The last day, inclusive, as a China date `YYYY-MM-DD`. */
  dueOn: z.string(),
  /** True when the date runs past the official holiday calendar we know, so it may still move. */
  provisional: z.boolean(),
  /** When the duty was done; null while it is open. */
  metAt: z.string().nullable().default(null),
  /** Open and past its last day (China time). */
  overdue: z.boolean().default(false),
});
export type DueDate = z.infer<typeof DueDateSchema>;

export const ReportReceiptSchema = z.object({
  reportNo: z.string(),
  /** 25 digits in five groups of five, separated by spaces, as the reporter should copy it down. */
  queryCode: z.string(),
  status: ReportStatusSchema,
  receivedAt: z.string(),
  dueDates: z.array(DueDateSchema),
});
export type ReportReceipt = z.infer<typeof ReportReceiptSchema>;

export const ReportLookupSchema = z.object({
  queryCode: z.string({ error: '请输入查询码' }).max(100, { error: '请输入查询码' }),
});
export type ReportLookup = z.infer<typeof ReportLookupSchema>;

export const TimelineEntrySchema = z.object({
  at: z.string(),
  text: z.string(),
});
export type TimelineEntry = z.infer<typeof TimelineEntrySchema>;

/** What the holder of a query code may see: never the reporter's identity. */
export const REPORTER_ACTIONS = {
  rate: '评价答复',
  request_review: '申请复查',
  add_info: '补充材料',
} as const;
export type ReporterAction = keyof typeof REPORTER_ACTIONS;
export const ReporterActionSchema = z.enum(['rate', 'request_review', 'add_info']);

/** What the reporter can expect next, in plain words, and the date it comes by (null once nothing more is to come). */
export const ReportNextStepSchema = z.object({
  text: z.string(),
  date: z.string().nullable(),
});
export type ReportNextStep = z.infer<typeof ReportNextStepSchema>;

export const ReportStatusViewSchema = z.object({
  reportNo: z.string(),
  villageName: z.string(),
  category: ReportCategorySchema,
  mode: ReportModeSchema,
  track: ReportTrackSchema,
  status: ReportStatusSchema,
  receivedAt: z.string(),
  dueDates: z.array(DueDateSchema),
  /** The next thing the reporter can expect, always with a date while the case is open. */
  next: ReportNextStepSchema.default({ text: '', date: null }),
  timeline: z.array(TimelineEntrySchema),
  /** The latest answer the reporter can read (答复, or the reason it was not accepted). */
  reply: z.string().nullable().default(null),
  rating: RatingSchema.nullable().default(null),
  /** The reasons ticked with a rating that is not satisfied. */
  ratingReasons: z.array(RatingReasonSchema).default([]),
  /** What the holder of the query code can do now. */
  actions: z.array(ReporterActionSchema).default([]),
  /** How many photos or files came with the report. Counted only: they are evidence for the staff, never served back by a query code. */
  attachmentCount: z.number().int().optional(),
  /** How the answer can be contested, in plain words: by when to ask here, or where to turn outside this system. */
  reviewPath: z.string().nullable().default(null),
});

const QueryCodeField = z.string({ error: '请输入查询码' }).max(100, { error: '请输入查询码' });

/**
 * The idempotency key of a case action, made by the client once per action it means to take and
 * sent again with every retry: the action is done once, and the retry answered as the first was.
 */
export const ActionKeySchema = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, { error: '操作标识无效，请刷新页面后重试' });

export const ReportRateSchema = z
  .object({
    queryCode: QueryCodeField,
    idempotencyKey: ActionKeySchema.optional(),
    rating: RatingSchema,
    /** Why not satisfied (ticked only with 不满意 or 非常不满意). */
    reasons: RatingReasonsSchema.optional(),
    comment: z.string().trim().max(500, { error: '不能超过500字' }).optional(),
  })
  .refine((input) => !input.reasons?.length || !isSatisfiedRating(input.rating), {
    error: '满意时不需要选择不满意的原因',
    path: ['reasons'],
  });
export const ReportReviewRequestSchema = z.object({
  queryCode: QueryCodeField,
  idempotencyKey: ActionKeySchema.optional(),
  reason: z.string({ error: '请说明不满意的原因' }).trim().min(5, { error: '请至少写5个字，说明不满意的原因' }).max(2000),
});
export const ReportAddInfoSchema = z.object({
  queryCode: QueryCodeField,
  idempotencyKey: ActionKeySchema.optional(),
  text: z.string({ error: '请填写补充的内容' }).trim().min(5, { error: '请至少写5个字' }).max(5000, { error: '不能超过5000字' }),
});
export type ReportStatusView = z.infer<typeof ReportStatusViewSchema>;
