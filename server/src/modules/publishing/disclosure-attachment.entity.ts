import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Attachment } from '@mashang/shared';
import { StoredFileColumns } from '../../common/storage/stored-file-columns.js';

/**
 * A photo or file of one version of a disclosure. A correction's draft gets rows of its own pointing at
 * the same stored files, so removing one from the draft leaves the published version as it was; the
 * stored file goes only with the last row that points at it.
 * The stored file: `StoredFileColumns`.
 */
@Entity('disclosure_attachments')
export class DisclosureAttachmentEntity extends StoredFileColumns {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'disclosure_id', type: 'int' })
  disclosureId: number;

  @Column({ name: 'version_id', type: 'int' })
  versionId: number;

  /** As shown: personal numbers masked, the extension of the stored type. */
  @Column({ name: 'file_name', type: 'varchar', length: 100 })
  fileName: string;

  @Column({ name: 'created_by', type: 'int' })
  createdBy: number;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;
}

export function toAttachment(a: DisclosureAttachmentEntity): Attachment {
  return { id: a.id, name: a.fileName, type: a.contentType, size: a.byteSize };
}
