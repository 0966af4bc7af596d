import { z } from 'zod';

/** 三务公开 */
export const DISCLOSURE_KINDS = {
  party: '党务公开',
  village: '村务公开',
  finance: '财务公开',
} as const;
export type DisclosureKind = keyof typeof DISCLOSURE_KINDS;
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
});
export type DisclosureSummary = z.infer<typeof DisclosureSummarySchema>;

export const DisclosureSchema = DisclosureSummarySchema.extend({
  villageCode: z.string(),
  body: z.string(),
  table: DisclosureTableSchema.nullable(),
});
export type Disclosure = z.infer<typeof DisclosureSchema>;
