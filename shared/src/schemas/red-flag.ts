import { z } from 'zod';
import { isValidIdNumber } from '../personal-data.js';
import { DisclosureTypeSchema } from './disclosure.js';

/** 大数据比对: what the server looks for in published recipient lists. Seen by the township and county only. */
export const RED_FLAG_KINDS = {
  duplicate_in_list: '同一名单重复领取',
  duplicate_across_villages: '多村重复领取',
  cadre_roster: '村干部或其亲属领取',
  amount_outside_standard: '金额超出县定标准',
  deceased: '已故人员领取',
} as const;
export type RedFlagKind = keyof typeof RED_FLAG_KINDS;
export const RedFlagKindSchema = z.enum(Object.keys(RED_FLAG_KINDS) as [RedFlagKind, ...RedFlagKind[]]);

export const RED_FLAG_STATUSES = { open: '待核实', dismissed: '已排除', case: '已立案核查' } as const;
export type RedFlagStatus = keyof typeof RED_FLAG_STATUSES;
export const RedFlagStatusSchema = z.enum(Object.keys(RED_FLAG_STATUSES) as [RedFlagStatus, ...RedFlagStatus[]]);

export const RedFlagSchema = z.object({
  id: z.number().int(),
  kind: RedFlagKindSchema,
  status: RedFlagStatusSchema,
  villageCode: z.string(),
  villageName: z.string(),
  disclosureId: z.number().int(),
  disclosureTitle: z.string(),
  versionNo: z.number().int(),
  /** The line of the list, counted from 0, and what it says (masked as published). */
  row: z.number().int(),
  line: z.array(z.string()),
  columns: z.array(z.string()),
  /** Why the line was flagged, in words: the other list, the roster entry, the standard, the date of death. */
  evidence: z.string(),
  raisedAt: z.string(),
  resolution: z.string().nullable(),
  resolvedBy: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  reportNo: z.string().nullable(),
});
export type RedFlag = z.infer<typeof RedFlagSchema>;

const Name = z.string({ error: '请填写姓名' }).trim().min(2, { error: '请填写完整姓名' }).max(20, { error: '姓名不超过20个字' });
const IdNumber = z
  .string({ error: '请填写身份证号' })
  .trim()
  .transform((v) => v.toUpperCase())
  .refine(isValidIdNumber, { error: '身份证号不对，请核对' });

/** The village cadres and, where the township enters them, their close relatives. */
export const CadreRosterSchema = z.object({
  villageCode: z.string().regex(/^\d{12}$/, { error: '请选择村' }),
  entries: z
    .array(
      z.object({
        name: Name,
        idNumber: IdNumber,
        /** The post (村党组织书记, 村委会主任…) or, for a relative, whose relative (村委会主任王某之子). */
        position: z.string({ error: '请填写职务或亲属关系' }).trim().min(2, { error: '请填写职务或亲属关系' }).max(40),
      }),
    )
    .max(500),
});
export type CadreRoster = z.infer<typeof CadreRosterSchema>;

export const DeceasedListSchema = z.object({
  entries: z
    .array(
      z.object({
        name: Name,
        idNumber: IdNumber,
        diedOn: z.iso.date({ error: '去世日期格式应为 2026-03-01' }),
      }),
    )
    .max(20_000),
});
export type DeceasedList = z.infer<typeof DeceasedListSchema>;

const Amount = z.number({ error: '请填写金额' }).nonnegative({ error: '金额不能为负' }).max(10_000_000);

/** The county's standard for one subsidy type: what one line of its lists may pay. */
export const SubsidyStandardSchema = z
  .object({ type: DisclosureTypeSchema, minAmount: Amount, maxAmount: Amount })
  .refine((s) => s.minAmount <= s.maxAmount, { error: '最低金额不能高于最高金额', path: ['maxAmount'] });
export type SubsidyStandard = z.infer<typeof SubsidyStandardSchema>;
