import { Column } from 'typeorm';
import type { AttachmentType } from '@mashang/shared';

/**
 * The columns of a row that names a cleaned upload in the file store: its type and size, its key, and
 * its thumbnail's key. Each attachment entity extends this class, so both tables keep exactly these
 * columns (the migrations make them) while their rows keep flat properties.
 */
export abstract class StoredFileColumns {
  @Column({ name: 'content_type', type: 'varchar', length: 40 })
  contentType: AttachmentType;

  @Column({ name: 'byte_size', type: 'int' })
  byteSize: number;

  @Column({ name: 'storage_key', type: 'varchar', length: 200 })
  storageKey: string;

  /** A small JPEG of an image; null for a PDF. */
  @Column({ name: 'thumbnail_key', type: 'varchar', length: 200, nullable: true })
  thumbnailKey: string | null;
}
