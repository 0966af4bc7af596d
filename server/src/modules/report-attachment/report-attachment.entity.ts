import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { StoredFileColumns } from '../../common/storage/stored-file-columns.js';

/**
 * A photo or file a villager uploaded for a report. Pending (no report) until a filing names its
 * upload id, which happens once; an unused one is removed after a day. Holds nothing about who sent
 * it: no file name (names like 「张三举报.jpg」 say who), no address, no device.
 * The stored file: `StoredFileColumns`.
 */
@Entity('report_attachments')
export class ReportAttachmentEntity extends StoredFileColumns {
  @PrimaryGeneratedColumn()
  id: number;

  /** SHA-256 (hex) of the upload id; the id itself is only ever in the uploader's hands. */
  @Column({ name: 'upload_hash', type: 'varchar', length: 64, unique: true })
  uploadHash: string;

  @Column({ name: 'report_id', type: 'int', nullable: true })
  reportId: number | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;

  @Column({ name: 'attached_at', type: 'datetime', nullable: true })
  attachedAt: Date | null;
}
