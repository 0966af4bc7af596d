import type { ReportTrack } from '@mashang/shared';

/** The two tracks in a villager's words: the terms 检举控告 and 问题反映 are for staff. */
export const TRACK_PLAIN: Record<ReportTrack, string> = {
  accusation: '干部违纪违法问题',
  petition: '需要村里或镇里解决的问题',
};
