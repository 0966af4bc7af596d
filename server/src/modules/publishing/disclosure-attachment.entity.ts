import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Attachment, AttachmentType } from '@mashang/shared';

/**
 * A photo or file of one version of a disclosure. A correction's draft gets rows of its own pointing at
 * the same stored files, so removing one from the draft leaves the published version as it was; the
 * stored file goes only with the last row that points at it.
 */
@Entity('disclosure_attachments')
export class DisclosureAttachmentEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'disclosure_id', type: 'int' })
  disclosureId: number;

  @Column({ name: 'version_id', type: 'int' })
  versionId: number;

  /** As shown: personal numbers masked, the extension of the stored type. */
  @Column({ name: 'file_name', type: 'varchar', length: 100 })
  fileName: string;

  @Column({ name: 'content_type', type: 'varchar', length: 40 })
  contentType: AttachmentType;

  @Column({ name: 'byte_size', type: 'int' })
  byteSize: number;

  @Column({ name: 'storage_key', type: 'varchar', length: 200 })
  storageKey: string;

  /** A small JPEG of an image; null for a PDF. */
  @Column({ name: 'thumbnail_key', type: 'varchar', length: 200, nullable: true })
  thumbnailKey: string | null;

  @Column({ name: 'created_by', type: 'int' })
  createdBy: number;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;
}

export function toAttachment(a: DisclosureAttachmentEntity): Attachment {
  return { id: a.id, name: a.fileName, type: a.contentType, size: a.byteSize };
}
