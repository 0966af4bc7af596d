import { z } from 'zod';
import { DISCLOSURE_KINDS, type DisclosureKind } from '../labels.js';
import { isValidIdNumber } from '../personal-data.js';
import { AttachmentSchema } from './attachment.js';

/** The photos and files of a version, in the order they were added (absent in answers from before attachments: none). */
const AttachmentsSchema = z.array(AttachmentSchema).default([]);

export const DisclosureKindSchema = z.enum(Object.keys(DISCLOSURE_KINDS) as [DisclosureKind, ...DisclosureKind[]]);

export const DISCLOSURE_TYPES = {
  income_expense: '收支明细',
  project: '工程项目',
  bidding: '招投标',
  contract: '资产资源合同',
  subsidy_list: '补贴发放名单',
  dibao_list: '低保名单',
  resolution: '会议决议',
  party_work: '党建工作',
  other: '其他',
} as const;
export type DisclosureType = keyof typeof DISCLOSURE_TYPES;
export const DisclosureTypeSchema = z.enum(Object.keys(DISCLOSURE_TYPES) as [DisclosureType, ...DisclosureType[]]);

/**
 * The columns of each type's table, as the downloadable template has them. A column's name says what
 * it holds: 「（元）」 an amount, 「日期」 a date, 「身份证号」 an ID number (masked when published).
 */
export const DISCLOSURE_TABLE_COLUMNS: Record<DisclosureType, readonly string[]> = {
  income_expense: ['日期', '摘要', '收入（元）', '支出（元）', '经手人', '备注'],
  project: ['项目名称', '建设内容', '施工单位', '合同金额（元）', '开工日期', '竣工日期', '验收情况'],
  bidding: ['项目名称', '招标方式', '投标单位', '中标单位', '中标金额（元）', '公告日期'],
  contract: ['资产资源名称', '承包（租赁）方', '面积或数量', '年租金（元）', '起始日期', '终止日期', '发包方式'],
  subsidy_list: ['姓名', '身份证号', '补贴项目', '面积（亩）', '补贴金额（元）', '发放日期'],
  dibao_list: ['户主姓名', '身份证号', '保障人数', '月保障金（元）', '享受起始日期'],
  resolution: ['会议日期', '会议名称', '议题', '表决结果', '参会人数'],
  party_work: ['日期', '事项', '内容', '负责人'],
  other: ['序号', '事项', '内容'],
};

/** A published table. Every row has one cell per column; numbers stay text as published. */
export const DisclosureTableSchema = z
  .object({
    columns: z.array(z.string()).min(1),
    rows: z.array(z.array(z.string())),
  })
  .refine((t) => t.rows.every((r) => r.length === t.columns.length), {
    error: '表格每一行的格数要与表头一致',
  });
export type DisclosureTable = z.infer<typeof DisclosureTableSchema>;

export const DisclosureSummarySchema = z.object({
  id: z.number().int(),
  kind: DisclosureKindSchema,
  type: DisclosureTypeSchema,
  title: z.string(),
  /** The period it covers as published: `2026-10`, `2026-Q3`, or a date for a one-off matter. */
  period: z.string(),
  publishedAt: z.string(),
  /** Withdrawn disclosures stay listed, with their reason, so nothing disappears silently. */
  withdrawn: z.boolean(),
  /** The current version corrects an earlier one. */
  corrected: z.boolean(),
});
export type DisclosureSummary = z.infer<typeof DisclosureSummarySchema>;

const SignatureSchema = z.object({ name: z.string(), at: z.string() });

export const DisclosureSchema = DisclosureSummarySchema.extend({
  villageCode: z.string(),
  body: z.string(),
  table: DisclosureTableSchema.nullable(),
  versionNo: z.number().int(),
  /** Who drafted the version shown and who co-signed it for the village supervision committee; absent for data loaded in bulk. */
  publisher: SignatureSchema.nullable(),
  cosigner: SignatureSchema.nullable(),
  /** Earlier published versions, each with the reason it was corrected. */
  corrections: z.array(z.object({ versionNo: z.number().int(), reason: z.string(), publishedAt: z.string() })),
  withdrawal: z.object({ reason: z.string(), at: z.string() }).nullable(),
  /** The shown version's photos and files; none once withdrawn. */
  attachments: AttachmentsSchema,
});
export type Disclosure = z.infer<typeof DisclosureSchema>;

/** An earlier published version of a disclosure, as the public saw it then. */
export const PublishedVersionSchema = z.object({
  disclosureId: z.number().int(),
  versionNo: z.number().int(),
  title: z.string(),
  period: z.string(),
  body: z.string(),
  table: DisclosureTableSchema.nullable(),
  publishedAt: z.string(),
  publisher: SignatureSchema.nullable(),
  cosigner: SignatureSchema.nullable(),
  /** Why this version corrected the one before it; null for the first publication. */
  reason: z.string().nullable(),
  attachments: AttachmentsSchema,
});
export type PublishedVersion = z.infer<typeof PublishedVersionSchema>;

// ---- 码上查: a villager checks what a published recipient list says was paid to them ----

export const SubsidyLookupSchema = z.object({
  name: z.string({ error: '请填写姓名' }).trim().min(2, { error: '请填写完整姓名' }).max(20, { error: '姓名太长了' }),
  idNumber: z
    .string({ error: '请填写身份证号' })
    .trim()
    .transform((v) => v.toUpperCase())
    .refine((v) => /^\d{17}[\dX]$/.test(v), { error: '请填写18位身份证号' })
    .refine((v) => isValidIdNumber(v), { error: '身份证号好像不对，请核对后再查' }),
});

/** A line of a published list naming the villager, masked as the public page shows it. */
export const SubsidyLineSchema = z.object({
  disclosureId: z.number().int(),
  title: z.string(),
  period: z.string(),
  publishedAt: z.string(),
  columns: z.array(z.string()),
  row: z.array(z.string()),
});
export type SubsidyLine = z.infer<typeof SubsidyLineSchema>;

// ---- Publishing: drafted by the village publisher, co-signed by the village supervisor ----

/** What the public sees of a disclosure: published, or withdrawn with its reason still shown. */
export const DISCLOSURE_STATUSES = {
  unpublished: '未公开',
  published: '已公开',
  withdrawn: '已撤回',
} as const;
export type DisclosureStatus = keyof typeof DISCLOSURE_STATUSES;

/** A version's way through co-signing. */
export const VERSION_STATUSES = {
  draft: '草稿',
  submitted: '待监委会签',
  returned: '已退回修改',
  published: '已公开',
  discarded: '已作废',
} as const;
export type VersionStatus = keyof typeof VERSION_STATUSES;

/** What a version does once co-signed: first publication, a correction, or a withdrawal. */
export const VERSION_ACTIONS = {
  publish: '首次公开',
  correct: '更正',
  withdraw: '撤回',
} as const;
export type VersionAction = keyof typeof VERSION_ACTIONS;

const TitleSchema = z.string({ error: '请填写标题' }).trim().min(2, { error: '标题至少2个字' }).max(100, { error: '标题不超过100个字' });
const PeriodSchema = z
  .string({ error: '请填写公开期间' })
  .trim()
  .regex(/^\d{4}(-(0[1-9]|1[0-2])(-\d{2})?|-Q[1-4])?$/, {
    error: '公开期间应为年（2026）、季度（2026-Q3）、月份（2026-10）或日期（2026-10-08）',
  });
const ReasonSchema = z.string({ error: '请写明原因' }).trim().min(4, { error: '原因至少4个字' }).max(500, { error: '原因不超过500个字' });
const CommentSchema = z.string({ error: '请写明意见' }).trim().min(2, { error: '意见至少2个字' }).max(500, { error: '意见不超过500个字' });

/** A draft as the publisher writes it. Full ID and mobile numbers are refused outside the identity columns. */
export const DisclosureDraftSchema = z.object({
  kind: DisclosureKindSchema,
  type: DisclosureTypeSchema,
  title: TitleSchema,
  period: PeriodSchema,
  body: z.string().trim().max(20_000, { error: '正文不超过20000字' }).default(''),
  table: z
    .object({
      columns: z
        .array(z.string().trim().min(1, { error: '表头不能为空' }).max(40))
        .min(1)
        .max(30),
      rows: z.array(z.array(z.string().max(500))).max(5_000, { error: '表格不超过5000行' }),
    })
    .refine((t) => t.rows.every((r) => r.length === t.columns.length), { error: '表格每一行的格数要与表头一致' })
    .nullable()
    .default(null),
});
export type DisclosureDraft = z.infer<typeof DisclosureDraftSchema>;

export const ReasonBodySchema = z.object({ reason: ReasonSchema });
export const CommentBodySchema = z.object({ comment: CommentSchema });

export const DisclosureVersionSchema = z.object({
  versionNo: z.number().int(),
  action: z.enum(Object.keys(VERSION_ACTIONS) as [VersionAction, ...VersionAction[]]),
  status: z.enum(Object.keys(VERSION_STATUSES) as [VersionStatus, ...VersionStatus[]]),
  title: z.string(),
  period: z.string(),
  body: z.string(),
  table: DisclosureTableSchema.nullable(),
  /** Why a correction or withdrawal was made. */
  reason: z.string().nullable(),
  draftedBy: z.string(),
  draftedAt: z.string(),
  submittedAt: z.string().nullable(),
  reviewedBy: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewComment: z.string().nullable(),
  /** Carried into a correction like the table; a published version's never change. */
  attachments: AttachmentsSchema,
});
export type DisclosureVersion = z.infer<typeof DisclosureVersionSchema>;

export const DisclosureHistoryEntrySchema = z.object({
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  comment: z.string().nullable(),
});

/** What staff see of a disclosure: every version, open or not, and its history. */
export const StaffDisclosureSchema = z.object({
  id: z.number().int(),
  villageCode: z.string(),
  villageName: z.string(),
  kind: DisclosureKindSchema,
  type: DisclosureTypeSchema,
  status: z.enum(Object.keys(DISCLOSURE_STATUSES) as [DisclosureStatus, ...DisclosureStatus[]]),
  /** The version being drafted or awaiting co-signature, if any. */
  open: DisclosureVersionSchema.nullable(),
  versions: z.array(DisclosureVersionSchema),
  /** A correction the township required and the village has not yet published. */
  correctionRequired: z.string().nullable(),
  history: z.array(DisclosureHistoryEntrySchema),
});
export type StaffDisclosure = z.infer<typeof StaffDisclosureSchema>;

export const StaffDisclosureRowSchema = z.object({
  id: z.number().int(),
  villageCode: z.string(),
  villageName: z.string(),
  kind: DisclosureKindSchema,
  type: DisclosureTypeSchema,
  title: z.string(),
  period: z.string(),
  status: StaffDisclosureSchema.shape.status,
  openStatus: DisclosureVersionSchema.shape.status.nullable(),
  /** What the open version does once co-signed: tells a correction from a withdrawal in progress. */
  openAction: DisclosureVersionSchema.shape.action.nullable(),
  correctionRequired: z.boolean(),
  updatedAt: z.string(),
});
export type StaffDisclosureRow = z.infer<typeof StaffDisclosureRowSchema>;
