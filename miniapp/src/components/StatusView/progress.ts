import type { ReportStatusView } from '@mashang/shared';

/** The five steps every reporter goes through, in the words of the 12345 apps. */
export const PROGRESS_STEPS = ['已提交', '已受理', '办理中', '已答复', '评价'] as const;

export type Progress =
  /** On the usual path: steps before `current` are done; `current` is where the case is (or all done). */
  | { kind: 'on_path'; current: number; done: boolean; currentLabel: string }
  /** Set aside or sent elsewhere: the path ends after 已提交 with this step. */
  | { kind: 'ended'; label: string };

/** Where a case stands on the five steps, in plain words. */
export function progressOf(view: Pick<ReportStatusView, 'status' | 'rating'>): Progress {
  switch (view.status) {
    case 'submitted':
      return { kind: 'on_path', current: 1, done: false, currentLabel: '等待受理' };
    case 'accepted':
      return { kind: 'on_path', current: 2, done: false, currentLabel: '办理中' };
    case 'concluded':
      return { kind: 'on_path', current: 3, done: false, currentLabel: '准备答复' };
    case 'under_review':
      return { kind: 'on_path', current: 2, done: false, currentLabel: '复查中' };
    case 'replied':
      return { kind: 'on_path', current: 4, done: false, currentLabel: view.rating ? '已评价' : '待评价' };
    case 'closed':
      return { kind: 'on_path', current: 4, done: true, currentLabel: '已办结' };
    case 'declined':
      return { kind: 'ended', label: '没有受理' };
    case 'transferred':
      return { kind: 'ended', label: '已转给负责的单位' };
    case 'duplicate':
      return { kind: 'ended', label: '并入此前的反映' };
    case 'invalid':
      return { kind: 'ended', label: '未能办理' };
  }
}
