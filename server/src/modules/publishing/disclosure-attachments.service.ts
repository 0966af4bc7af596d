import { Injectable, Logger } from '@nestjs/common';
import {
  type AttachmentType,
  type AttachmentUpload,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS_PER_VERSION,
  type StaffDisclosure,
} from '@mashang/shared';
import { Clock } from '../../common/clock.js';
import { DomainError } from '../../common/domain-error.js';
import { attachmentName, cleanUpload, extensionOf } from '../../common/storage/clean-upload.js';
import { FileStorage, newStorageKey } from '../../common/storage/file-storage.js';
import type { StaffAccountEntity } from '../staff/staff-account.entity.js';
import type { DisclosureAttachmentEntity } from './disclosure-attachment.entity.js';
import type { DisclosureVersionEntity } from './disclosure-version.entity.js';
import { DisclosureEntity } from './disclosure.entity.js';
import { PublishingRepository } from './publishing.repository.js';
import { PublishingService } from './publishing.service.js';

/** Where the files are kept in the store: under `disclosures/<year>/<month>/`. */
export const DISCLOSURE_FILES_AREA = 'disclosures';

/** A stored file as it is served. */
export interface AttachmentFile {
  name: string;
  type: AttachmentType;
  bytes: Buffer;
}

/**
 * Photos and files of 三务公开 (vouchers, contracts, signed resolutions). The publisher adds and
 * removes them on the open draft only; once co-signed they are public with their version and never
 * change. A correction starts with the published version's files, as it starts with its table.
 */
@Injectable()
export class DisclosureAttachmentsService {
  private readonly logger = new Logger('DisclosureAttachments');

  constructor(
    private readonly repository: PublishingRepository,
    private readonly publishing: PublishingService,
    private readonly storage: FileStorage,
    private readonly clock: Clock,
  ) {}

  async upload(account: StaffAccountEntity, id: number, upload: AttachmentUpload): Promise<StaffDisclosure> {
    const { disclosure, open } = await this.editableDraft(account, id);
    // Counted before the costly part, and again in the transaction that adds the file.
    if ((await this.repository.attachmentsOf([open.id])).length >= MAX_ATTACHMENTS_PER_VERSION)
      throw new DomainError('ATTACHMENT_LIMIT_REACHED');
    // Base64 of the largest file fits the route's body limit; anything longer is refused before decoding.
    if (Math.floor((upload.contentBase64.length * 3) / 4) - 2 > MAX_ATTACHMENT_BYTES) throw new DomainError('ATTACHMENT_TOO_LARGE');
    const clean = await cleanUpload(Buffer.from(upload.contentBase64, 'base64'));
    const now = this.clock.now();
    const name = attachmentName(upload.fileName, clean.type);
    const storageKey = newStorageKey(DISCLOSURE_FILES_AREA, now, extensionOf(clean.type));
    const thumbnailKey = clean.thumbnail ? storageKey.replace(/\.[a-z]+$/, '.thumb.jpg') : null;
    await this.storage.put(storageKey, clean.bytes, clean.type);
    if (thumbnailKey && clean.thumbnail) await this.storage.put(thumbnailKey, clean.thumbnail, 'image/jpeg');
    try {
      await this.repository.transaction(async (manager) => {
        // Claims the draft: one submitted meanwhile takes no more files, and two uploads at once count in turn.
        const claimed = await this.repository.moveVersion(manager, open.id, ['draft', 'returned'], {
          draftedBy: account.id,
          draftedAt: now,
        });
        if (!claimed) throw new DomainError('ACTION_NOT_ALLOWED');
        if ((await this.repository.attachmentsOf([open.id], manager)).length >= MAX_ATTACHMENTS_PER_VERSION)
          throw new DomainError('ATTACHMENT_LIMIT_REACHED');
        await this.repository.addAttachment(manager, {
          disclosureId: disclosure.id,
          versionId: open.id,
          fileName: name,
          contentType: clean.type,
          byteSize: clean.bytes.length,
          storageKey,
          thumbnailKey,
          createdBy: account.id,
          createdAt: now,
        });
        await manager.getRepository(DisclosureEntity).update(disclosure.id, { updatedAt: now });
        await this.repository.addEvent(manager, disclosure.id, account.id, 'attachment_added', name, now);
      });
    } catch (error) {
      await this.discard([storageKey, thumbnailKey]);
      throw error;
    }
    return this.publishing.get(account, id);
  }

  async remove(account: StaffAccountEntity, id: number, attachmentId: number): Promise<StaffDisclosure> {
    const { disclosure, open } = await this.editableDraft(account, id);
    const attachment = await this.repository.findAttachment(disclosure.id, attachmentId);
    if (!attachment) throw new DomainError('ATTACHMENT_NOT_FOUND');
    // A published version's files never change.
    if (attachment.versionId !== open.id) throw new DomainError('ACTION_NOT_ALLOWED');
    const now = this.clock.now();
    await this.repository.transaction(async (manager) => {
      const claimed = await this.repository.moveVersion(manager, open.id, ['draft', 'returned'], { draftedBy: account.id, draftedAt: now });
      if (!claimed) throw new DomainError('ACTION_NOT_ALLOWED');
      if (!(await this.repository.removeAttachment(manager, attachment.id, open.id))) throw new DomainError('ATTACHMENT_NOT_FOUND');
      await manager.getRepository(DisclosureEntity).update(disclosure.id, { updatedAt: now });
      await this.repository.addEvent(manager, disclosure.id, account.id, 'attachment_removed', attachment.fileName, now);
    });
    // The bytes go with the last version that had them: a file carried over from a published version stays.
    if (!(await this.repository.isStoredFileUsed(attachment.storageKey)))
      await this.discard([attachment.storageKey, attachment.thumbnailKey]);
    return this.publishing.get(account, id);
  }

  /** Any version's file, drafts included, for staff whose jurisdiction holds the disclosure. */
  async staffFile(account: StaffAccountEntity, id: number, attachmentId: number): Promise<AttachmentFile> {
    const disclosure = await this.repository.findWithin(id, account.regionCode);
    if (!disclosure) throw new DomainError('DISCLOSURE_NOT_FOUND');
    const attachment = await this.repository.findAttachment(disclosure.id, attachmentId);
    if (!attachment) throw new DomainError('ATTACHMENT_NOT_FOUND');
    return this.read(attachment, false);
  }

  /** A published version's file, for anyone; a draft's, or any of a withdrawn disclosure, is not found. */
  async publicFile(id: number, attachmentId: number, thumbnail: boolean): Promise<AttachmentFile> {
    const attachment = await this.repository.findAttachment(id, attachmentId);
    const [disclosure, version] = attachment
      ? await Promise.all([
          this.repository.findPublished(id),
          this.repository.versionsOf([id]).then((vs) => vs.find((v) => v.id === attachment.versionId)),
        ])
      : [null, undefined];
    if (!attachment || !disclosure || !isPublic(version)) throw new DomainError('ATTACHMENT_NOT_FOUND');
    return this.read(attachment, thumbnail);
  }

  private async read(attachment: DisclosureAttachmentEntity, thumbnail: boolean): Promise<AttachmentFile> {
    const small = thumbnail && attachment.thumbnailKey;
    const bytes = await this.storage.get(small ? attachment.thumbnailKey! : attachment.storageKey);
    // The database names a file the store does not have: the store was lost or moved, not the request's fault.
    if (!bytes) throw new Error(`attachment ${attachment.id}: no stored file ${small ? attachment.thumbnailKey : attachment.storageKey}`);
    return { name: attachment.fileName, type: small ? 'image/jpeg' : attachment.contentType, bytes };
  }

  private async editableDraft(
    account: StaffAccountEntity,
    id: number,
  ): Promise<{ disclosure: DisclosureEntity; open: DisclosureVersionEntity }> {
    const disclosure = await this.repository.findWithin(id, account.regionCode);
    if (!disclosure) throw new DomainError('DISCLOSURE_NOT_FOUND');
    const open = disclosure.openVersionId
      ? (await this.repository.versionsOf([disclosure.id])).find((v) => v.id === disclosure.openVersionId)
      : undefined;
    if (!open || !['draft', 'returned'].includes(open.status) || open.action === 'withdraw') throw new DomainError('ACTION_NOT_ALLOWED');
    return { disclosure, open };
  }

  /** Removes stored files; a failure leaves an unused file behind, which is logged and harms nobody. */
  private async discard(keys: Array<string | null>): Promise<void> {
    for (const key of keys) {
      if (!key) continue;
      await this.storage.delete(key).catch((error: unknown) => this.logger.warn(`could not remove stored file ${key}: ${String(error)}`));
    }
  }
}

const isPublic = (version: DisclosureVersionEntity | undefined) => version?.status === 'published' && version.action !== 'withdraw';
