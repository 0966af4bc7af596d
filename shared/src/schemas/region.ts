import { z } from 'zod';

/** 统计用区划代码: 12 digits for a village; its township is the first 9, its county the first 6. */
export const VillageCodeSchema = z.string().regex(/^\d{12}$/, { error: '村代码应为12位数字' });

export const RegionLevelSchema = z.enum(['province', 'county', 'township', 'village']);
export type RegionLevel = z.infer<typeof RegionLevelSchema>;

export const RegionRefSchema = z.object({
  code: z.string(),
  name: z.string(),
});
export type RegionRef = z.infer<typeof RegionRefSchema>;

export function townshipCodeOf(villageCode: string): string {
  return villageCode.slice(0, 9);
}

export function countyCodeOf(villageCode: string): string {
  return villageCode.slice(0, 6);
}
