import { CaseActionInputSchema, type CaseAction, type CaseActionInput, type ReportTrack } from '@mashang/shared';

/** The staff actions a form exists for; the reporter's own actions are never offered here. */
export const STAFF_FORM_ACTIONS = [
  'accept',
  'decline',
  'assign',
  'transfer_up',
  'transfer_township',
  'transfer_out',
  'request_extension',
  'approve_extension',
  'refuse_extension',
  'conclude',
  'reply',
  'close',
  'reclassify',
  'note',
] as const satisfies readonly CaseAction[];
export type StaffFormAction = (typeof STAFF_FORM_ACTIONS)[number];

export function isStaffFormAction(action: CaseAction): action is StaffFormAction {
  return (STAFF_FORM_ACTIONS as readonly CaseAction[]).includes(action);
}

/** What the open form holds, as typed. */
export interface ActionDraft {
  text: string;
  to: string;
  days: string;
  assigneeId: string;
  townshipCode: string;
  track: ReportTrack | null;
}

export const EMPTY_ACTION_DRAFT: ActionDraft = { text: '', to: '', days: '', assigneeId: '', townshipCode: '', track: null };

/** How each form reads: the label of its main text, and which extra fields it has. */
export const ACTION_FORMS: Record<StaffFormAction, { text?: { label: string; placeholder: string; optional?: boolean }; hint?: string }> = {
  accept: { text: { label: '告知反映人的话（可不填）', placeholder: '例如：您反映的问题已受理，我们将依规办理。', optional: true } },
  decline: { text: { label: '不予受理的理由（反映人能看到）', placeholder: '请写明依据和理由，至少5个字' } },
  assign: { hint: '从本辖区的工作人员中选择承办人。' },
  transfer_up: { text: { label: '报送县纪委的理由', placeholder: '至少5个字' } },
  transfer_township: {
    text: { label: '转交理由', placeholder: '例如：被反映人是其他乡镇的干部，至少5个字' },
    hint: '转交后由接收的乡镇办理，本乡镇只保留一条转交记录，看不到后续内容。',
  },
  transfer_out: { text: { label: '转办理由', placeholder: '至少5个字' } },
  request_extension: { text: { label: '延期理由', placeholder: '至少5个字' }, hint: '延期只能申请一次，由县纪委批准。' },
  approve_extension: { hint: '批准后，办理期限从原期限届满之日起按申请的天数顺延。' },
  refuse_extension: { text: { label: '不批准的理由（反映人能看到）', placeholder: '请用反映人看得懂的话写明理由，至少5个字' } },
  conclude: { text: { label: '办结情况（内部，可不填）', placeholder: '核查结果、处理情况', optional: true } },
  reply: { text: { label: '答复内容（反映人能看到）', placeholder: '请用反映人看得懂的话写明核查结果和处理情况，至少10个字' } },
  close: { hint: '结案后不再办理，时间线保留。' },
  reclassify: { text: { label: '更正理由', placeholder: '至少5个字' } },
  note: { text: { label: '内部备注（反映人看不到）', placeholder: '备注内容' } },
};

/** The request body for an action from its draft; checked with the shared schema before sending. */
export function actionBody(action: StaffFormAction, d: ActionDraft): unknown {
  const text = d.text.trim();
  switch (action) {
    case 'accept':
      return { action, publicText: text || undefined };
    case 'decline':
    case 'transfer_up':
    case 'refuse_extension':
      return { action, reason: text };
    case 'transfer_out':
      return { action, to: d.to.trim(), reason: text };
    case 'transfer_township':
      return { action, townshipCode: d.townshipCode || undefined, reason: text };
    case 'request_extension':
      return { action, days: /^\d+$/.test(d.days.trim()) ? Number(d.days.trim()) : undefined, reason: text };
    case 'assign':
      return { action, assigneeId: /^\d+$/.test(d.assigneeId.trim()) ? Number(d.assigneeId.trim()) : undefined };
    case 'conclude':
      return { action, note: text || undefined };
    case 'reply':
    case 'note':
      return { action, text };
    case 'reclassify':
      return { action, track: d.track ?? undefined, reason: text };
    case 'approve_extension':
    case 'close':
      return { action };
  }
}

/** The first problem with a body, in the words of the shared schema, or the checked body. */
export function checkAction(body: unknown): { ok: true; value: CaseActionInput } | { ok: false; message: string } {
  const result = CaseActionInputSchema.safeParse(body);
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0]!;
  const field = String(issue.path[0] ?? '');
  const message =
    field === 'days'
      ? '请填写延期天数（1到90天之间的整数）'
      : field === 'assigneeId'
        ? '请选择承办人'
        : field === 'townshipCode'
          ? '请选择接收的乡镇'
          : field === 'track'
            ? '请选择正确的类型'
            : issue.message;
  return { ok: false, message };
}
