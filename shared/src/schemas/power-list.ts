import { z } from 'zod';
import { validateChart } from '../process-chart.js';
import { PowerCategorySchema, ProcessChartSchema } from './power-item.js';

const required = (name: string, max: number) =>
  z
    .string({ error: `请填写${name}` })
    .trim()
    .min(1, { error: `请填写${name}` })
    .max(max, { error: `${name}不能超过${max}个字` });

/** An empty text means "none": stored as absent, never as ''. */
const optional = (name: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `${name}不能超过${max}个字` })
    .optional()
    .transform((v) => v || undefined);

/** A step as the editor sends it; whether the chart as a whole holds together is `validateChart`'s job. */
export const EditableChartNodeSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,24}$/, { error: '步骤编号只能是1到24位字母、数字、横线或下划线' }),
  label: z.string({ error: '请填写步骤名称' }).trim().max(30, { error: '步骤名称不能超过30个字' }),
  actor: optional('办理人', 40),
  risks: z
    .array(
      z.string().trim().min(1, { error: '廉政风险点不能为空，不需要就删去这一条' }).max(100, { error: '一条廉政风险点不能超过100个字' }),
    )
    .max(10, { error: '一个步骤最多10条廉政风险点' })
    .default([]),
  end: z.boolean().optional(),
});

export const EditableChartEdgeSchema = z.object({
  from: z.string(),
  to: z.string(),
  label: optional('去向的条件', 20),
});

/** A chart as saved: each part well formed, and the whole valid by the shared rules (one start, no dead end…). */
export const EditableChartSchema = z
  .object({
    nodes: z.array(EditableChartNodeSchema).max(40, { error: '流程图最多40个步骤' }),
    edges: z.array(EditableChartEdgeSchema).max(80, { error: '流程图最多80条去向' }),
  })
  .superRefine((chart, ctx) => {
    for (const problem of validateChart(chart)) ctx.addIssue({ code: 'custom', message: problem.message, path: problem.path });
  });
export type EditableChart = z.output<typeof EditableChartSchema>;

/** What a power item says: the same fields in a county template and in a village's copy. */
export const PowerItemContentSchema = z.object({
  category: PowerCategorySchema,
  title: required('事项名称', 100),
  basis: required('依据', 2000),
  responsible: required('责任主体', 100),
  publicity: z
    .array(
      z.string().trim().min(1, { error: '必须公开的内容不能为空，不需要就删去这一条' }).max(200, { error: '一条公开内容不能超过200个字' }),
    )
    .max(20, { error: '必须公开的内容最多20条' }),
  chart: EditableChartSchema,
});
export type PowerItemContent = z.output<typeof PowerItemContentSchema>;
export type PowerItemContentInput = z.input<typeof PowerItemContentSchema>;

/** Content as stored and answered: charts saved before the rules existed are shown as they are. */
export const StoredPowerItemContentSchema = z.object({
  category: PowerCategorySchema,
  title: z.string(),
  basis: z.string(),
  responsible: z.string(),
  publicity: z.array(z.string()),
  chart: ProcessChartSchema,
});
export type StoredPowerItemContent = z.infer<typeof StoredPowerItemContentSchema>;

/** The fields of a power item, as a village reads what the county changed. */
export const POWER_CONTENT_FIELDS = {
  category: '类别',
  title: '事项名称',
  basis: '依据',
  responsible: '责任主体',
  publicity: '必须公开的内容',
  chart: '流程图',
} as const;
export type PowerContentField = keyof typeof POWER_CONTENT_FIELDS;
export const PowerContentFieldSchema = z.enum(Object.keys(POWER_CONTENT_FIELDS) as [PowerContentField, ...PowerContentField[]]);

export const PowerTemplateSummarySchema = z.object({
  id: z.number().int(),
  category: PowerCategorySchema,
  title: z.string(),
  /** Each save by the county makes a new version, 1, 2, … */
  version: z.number().int(),
  updatedAt: z.string(),
  /** Villages whose list has a copy of this template. */
  adoptedBy: z.number().int(),
  /** Of those, the ones that have not yet taken or turned down the latest version. */
  notYetUpdated: z.number().int(),
});
export type PowerTemplateSummary = z.infer<typeof PowerTemplateSummarySchema>;

export const PowerTemplateSchema = PowerTemplateSummarySchema.extend({
  countyCode: z.string(),
  content: StoredPowerItemContentSchema,
  versions: z.array(z.object({ version: z.number().int(), at: z.string(), by: z.string() })),
});
export type PowerTemplate = z.infer<typeof PowerTemplateSchema>;

/** One field the county changed in a newer version of a template, in words. */
export const PowerUpdateChangeSchema = z.object({
  field: PowerContentFieldSchema,
  label: z.string(),
  /** What changed, one line each: 「新增步骤“…”」, 「依据改为：…」. */
  lines: z.array(z.string()),
  /** The village had changed this field in its copy; accepting replaces its version with the county's. */
  villageAdjusted: z.boolean(),
});
export type PowerUpdateChange = z.infer<typeof PowerUpdateChangeSchema>;

/** A newer version of the template a village copy came from, offered and never forced. */
export const PowerUpdateOfferSchema = z.object({
  fromVersion: z.number().int(),
  toVersion: z.number().int(),
  changes: z.array(PowerUpdateChangeSchema),
  /** The copy as it would read once accepted: the county's changed fields, the village's own elsewhere. */
  result: StoredPowerItemContentSchema,
});
export type PowerUpdateOffer = z.infer<typeof PowerUpdateOfferSchema>;

export const StaffPowerItemRowSchema = z.object({
  id: z.number().int(),
  category: PowerCategorySchema,
  title: z.string(),
  templateId: z.number().int().nullable(),
  /** The copy differs from the template version it follows. */
  adjusted: z.boolean(),
  /** The newer template version on offer, if any. */
  offeredVersion: z.number().int().nullable(),
});
export type StaffPowerItemRow = z.infer<typeof StaffPowerItemRowSchema>;

export const VillagePowerListSchema = z.object({
  village: z.object({ code: z.string(), name: z.string() }),
  /** Whether the signed-in account may adopt and adjust for this village. */
  canEdit: z.boolean(),
  items: z.array(StaffPowerItemRowSchema),
  /** The county's templates this village has not adopted yet. */
  templates: z.array(PowerTemplateSummarySchema),
});
export type VillagePowerList = z.infer<typeof VillagePowerListSchema>;

export const StaffPowerItemSchema = z.object({
  id: z.number().int(),
  village: z.object({ code: z.string(), name: z.string() }),
  canEdit: z.boolean(),
  /** Each change to the copy makes a new version; a save names the version it started from. */
  version: z.number().int(),
  content: StoredPowerItemContentSchema,
  template: z
    .object({ id: z.number().int(), title: z.string(), followsVersion: z.number().int(), latestVersion: z.number().int() })
    .nullable(),
  adjusted: z.boolean(),
  offer: PowerUpdateOfferSchema.nullable(),
  updatedAt: z.string().nullable(),
});
export type StaffPowerItem = z.infer<typeof StaffPowerItemSchema>;

const VersionSchema = z.number({ error: '缺少版本号，请刷新后再试' }).int().positive();

export const PowerTemplateUpdateSchema = PowerItemContentSchema.extend({ version: VersionSchema });
export const PowerItemUpdateSchema = PowerItemContentSchema.extend({ version: VersionSchema });
export const AdoptTemplateSchema = z.object({ templateId: z.number({ error: '请选择模板' }).int().positive() });
export const UpdateDecisionSchema = z.object({ version: VersionSchema, templateVersion: VersionSchema });
