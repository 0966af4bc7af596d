import { z } from 'zod';
import { RATING_REASONS, RATINGS, type Rating, type RatingReason } from '../labels.js';
import type { ReportStatus } from './report.js';

/** Everything that can happen to a case; each is an event on its timeline. */
export const CASE_ACTIONS = {
  accept: '受理',
  decline: '不予受理',
  assign: '指定承办人',
  transfer_up: '报送县纪委',
  transfer_out: '转办其他单位',
  request_extension: '申请延期',
  approve_extension: '批准延期',
  refuse_extension: '不批准延期',
  conclude: '办结',
  reply: '答复',
  close: '结案归档',
  rate: '评价',
  request_review: '申请复查',
  add_info: '补充材料',
  reclassify: '更正类型',
  note: '内部备注',
  mark_duplicate: '标记为重复',
  mark_invalid: '标记为无效',
  transfer_township: '转交其他乡镇',
} as const;
export type CaseAction = keyof typeof CASE_ACTIONS;
export const CaseActionSchema = z.enum(Object.keys(CASE_ACTIONS) as [CaseAction, ...CaseAction[]]);

/** Who may take an action: staff of the jurisdiction, or the reporter holding the query code. */
export const ACTION_ACTORS: Record<CaseAction, 'staff' | 'reporter'> = {
  accept: 'staff',
  decline: 'staff',
  assign: 'staff',
  transfer_up: 'staff',
  transfer_out: 'staff',
  request_extension: 'staff',
  approve_extension: 'staff',
  refuse_extension: 'staff',
  conclude: 'staff',
  reply: 'staff',
  close: 'staff',
  rate: 'reporter',
  request_review: 'reporter',
  add_info: 'reporter',
  reclassify: 'staff',
  note: 'staff',
  mark_duplicate: 'staff',
  mark_invalid: 'staff',
  transfer_township: 'staff',
};

const OPEN: ReportStatus[] = ['submitted', 'accepted', 'concluded', 'replied', 'under_review'];

/**
 * The states each action may start from, and where it leads (`null`: the state stays).
 * Anything not listed is refused, and nothing changes.
 */
export const CASE_TRANSITIONS: Record<CaseAction, { from: readonly ReportStatus[]; to: ReportStatus | null }> = {
  accept: { from: ['submitted'], to: 'accepted' },
  decline: { from: ['submitted'], to: 'declined' },
  assign: { from: ['submitted', 'accepted', 'under_review'], to: null },
  /** The case keeps its state: an accepted petition stays accepted, on its handling clock, for the reporter. */
  transfer_up: { from: ['submitted', 'accepted'], to: null },
  transfer_out: { from: ['submitted', 'accepted'], to: 'transferred' },
  request_extension: { from: ['accepted'], to: null },
  approve_extension: { from: ['accepted'], to: null },
  refuse_extension: { from: ['accepted'], to: null },
  /** 办结: the handling is done and the result must be fed back (检举控告: within 15 working days). */
  conclude: { from: ['accepted', 'under_review'], to: 'concluded' },
  reply: { from: ['accepted', 'concluded', 'under_review'], to: 'replied' },
  close: { from: ['replied'], to: 'closed' },
  rate: { from: ['replied'], to: null },
  request_review: { from: ['replied'], to: 'under_review' },
  add_info: { from: ['submitted', 'accepted', 'concluded', 'under_review'], to: null },
  reclassify: { from: OPEN, to: null },
  note: {
    from: ['submitted', 'accepted', 'concluded', 'declined', 'transferred', 'replied', 'under_review', 'closed', 'duplicate', 'invalid'],
    to: null,
  },
  /**
   * Floods and repeats leave the inbox: before acceptance, and in bulk (see the `mark` route). An
   * accepted case is handled to its answer; an overdue or escalated one is never set aside either.
   */
  mark_duplicate: { from: ['submitted'], to: 'duplicate' },
  mark_invalid: { from: ['submitted'], to: 'invalid' },
  /** Before acceptance, to another township of the county, which then handles it on its own clock. */
  transfer_township: { from: ['submitted'], to: null },
};

export function canTake(action: CaseAction, status: ReportStatus): boolean {
  return CASE_TRANSITIONS[action].from.includes(status);
}

/** The state after an action, or null when the current state does not allow it. */
export function nextStatus(action: CaseAction, status: ReportStatus): ReportStatus | null {
  if (!canTake(action, status)) return null;
  return CASE_TRANSITIONS[action].to ?? status;
}

export function actionsAllowed(status: ReportStatus, actor: 'staff' | 'reporter'): CaseAction[] {
  return (Object.keys(CASE_TRANSITIONS) as CaseAction[]).filter((a) => ACTION_ACTORS[a] === actor && canTake(a, status));
}

export const RATING_VALUES = Object.keys(RATINGS) as [Rating, ...Rating[]];
export const RatingSchema = z.enum(RATING_VALUES, { error: '请选择您对办理结果的评价' });

export const RatingReasonSchema = z.enum(Object.keys(RATING_REASONS) as [RatingReason, ...RatingReason[]], {
  error: '请选择不满意的原因',
});
/** Reasons come only with a rating that is not satisfied, each once. */
export const RatingReasonsSchema = z
  .array(RatingReasonSchema)
  .max(Object.keys(RATING_REASONS).length)
  .refine((reasons) => new Set(reasons).size === reasons.length, { error: '原因不能重复选择' });

/** 检举控告 (misconduct by a cadre: working-day rules) or 问题反映 (a problem to fix: calendar-day rules). */
export const REPORT_TRACKS = {
  accusation: '检举控告',
  petition: '问题反映',
} as const;
export type ReportTrack = keyof typeof REPORT_TRACKS;
export const ReportTrackSchema = z.enum(['accusation', 'petition'], { error: '请选择反映的是哪一类事情' });

/** WeChat's text check (微信内容检测) as staff read it: a hint for review, never a reason to refuse. */
export const TEXT_CHECK_SUGGESTS = { pass: '未发现问题', review: '需人工复核', risky: '可能违规，需人工复核' } as const;
export const TEXT_CHECK_LABELS: Record<number, string> = {
  100: '正常',
  10001: '广告',
  20001: '政治类',
  20002: '色情',
  20003: '辱骂',
  20006: '违法犯罪',
  20008: '欺诈',
  20012: '低俗',
  20013: '版权',
  21000: '其他',
};

/** Labels of every event type on a timeline: the actions, and what the system records itself. */
export const TIMELINE_EVENT_TYPES: Record<
  | CaseAction
  | 'submitted'
  | 'escalated'
  | 'recalculated'
  | 'supervise'
  | 'urge'
  | 'answer_supervision'
  | 'supervision_ended'
  | 'personal_data_removed',
  string
> = {
  ...CASE_ACTIONS,
  submitted: '收到反映',
  escalated: '逾期提级督办',
  recalculated: '期限重新计算',
  supervise: '县纪委督办',
  urge: '县纪委催办',
  answer_supervision: '回复督办',
  supervision_ended: '督办终止',
  personal_data_removed: '个人信息已按规定删除',
};
