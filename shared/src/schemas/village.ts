import { z } from 'zod';
import { OverdueDisclosureSchema } from './disclosure-calendar.js';
import { DisclosureSummarySchema } from './disclosure.js';
import { PowerCategoryGroupSchema } from './power-item.js';
import { RegionRefSchema } from './region.js';

/**
 * The village's own record of reports, shown on its page. Counted up to the end of the day before
 * (China time) and never live, so nobody can watch it to learn when a neighbour reported.
 */
export const ReportRecordSchema = z.object({
  /** The last day counted, `YYYY-MM-DD`. */
  asOf: z.string(),
  received: z.number().int(),
  answered: z.number().int(),
  answeredOnTime: z.number().int(),
});
export type ReportRecord = z.infer<typeof ReportRecordSchema>;

/** Everything the village home page needs, in one response (weak networks: one round trip). */
export const VillagePageSchema = z.object({
  village: RegionRefSchema,
  township: RegionRefSchema.extend({ hotline: z.string().nullable() }),
  county: RegionRefSchema,
  powerList: z.array(PowerCategoryGroupSchema),
  disclosures: z.object({
    party: z.array(DisclosureSummarySchema),
    village: z.array(DisclosureSummarySchema),
    finance: z.array(DisclosureSummarySchema),
  }),
  record: ReportRecordSchema,
  /** Periods of 三务公开 the village has not published on time (「本期财务未按时公开」). */
  overdue: z.array(OverdueDisclosureSchema),
});
export type VillagePage = z.infer<typeof VillagePageSchema>;
