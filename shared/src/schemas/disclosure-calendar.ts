import { z } from 'zod';

/** How often one kind of disclosure is due, and how long after its period ends. */
export const DisclosureRhythmSchema = z.object({
  every: z.enum(['month', 'quarter'], { error: '公开周期只能是每月或每季度' }),
  graceDays: z.number({ error: '请填写天数' }).int().min(0).max(60, { error: '期满后最多60天内公开' }),
});
export type DisclosureRhythm = z.infer<typeof DisclosureRhythmSchema>;

/** 三务公开 calendar: finance monthly, party and village affairs at least quarterly, unless a county sets otherwise. */
export const DisclosureCalendarSchema = z.object({
  startsOn: z.iso.date({ error: '日期格式应为 2026-01-01' }),
  kinds: z.object({
    party: DisclosureRhythmSchema.nullable(),
    village: DisclosureRhythmSchema.nullable(),
    finance: DisclosureRhythmSchema.nullable(),
  }),
});
export type DisclosureCalendar = z.infer<typeof DisclosureCalendarSchema>;

/** A period a village should have published and has not. */
export const OverdueDisclosureSchema = z.object({
  kind: z.enum(['party', 'village', 'finance']),
  /** `2026-10` or `2026-Q3`. */
  period: z.string(),
  dueOn: z.string(),
});
export type OverdueDisclosure = z.infer<typeof OverdueDisclosureSchema>;
