import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A step in a disclosure's history, as the township reads it. Only ever inserted. */
@Entity('disclosure_events')
export class DisclosureEventEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'disclosure_id', type: 'int' })
  disclosureId: number;

  @Column({ name: 'account_id', type: 'int' })
  accountId: number;

  @Column({ type: 'varchar', length: 30 })
  action: DisclosureEventAction;

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;
}

export const DISCLOSURE_EVENT_LABELS = {
  drafted: '起草',
  draft_saved: '修改草稿',
  submitted: '提交监委会签',
  cosigned: '监委会签并公开',
  sent_back: '退回修改',
  correction_opened: '发起更正',
  withdrawal_opened: '申请撤回',
  withdrawn: '会签撤回',
  correction_required: '要求更正',
  attachment_added: '添加附件',
  attachment_removed: '删除附件',
} as const;
export type DisclosureEventAction = keyof typeof DISCLOSURE_EVENT_LABELS;
