import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const MAGIC = Buffer.from('MSA1');
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * A reporter's photo or file as kept in the file store: AES-256-GCM under a key derived from the data
 * key (`DATA_ENCRYPTION_KEY`), so a copied upload directory or bucket shows no one's evidence.
 * `MSA1 · iv · tag · ciphertext`; the version in front leaves room to change it.
 */
export class SealedFiles {
  private readonly key: Buffer;

  constructor(dataKey: Buffer) {
    this.key = Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), 'report-attachments', 32));
  }

  seal(bytes: Buffer): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const data = Buffer.concat([cipher.update(bytes), cipher.final()]);
    return Buffer.concat([MAGIC, iv, cipher.getAuthTag(), data]);
  }

  open(sealed: Buffer): Buffer {
    if (!sealed.subarray(0, MAGIC.length).equals(MAGIC)) throw new Error('not a sealed report attachment');
    const at = MAGIC.length;
    const decipher = createDecipheriv('aes-256-gcm', this.key, sealed.subarray(at, at + IV_BYTES));
    decipher.setAuthTag(sealed.subarray(at + IV_BYTES, at + IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(sealed.subarray(at + IV_BYTES + TAG_BYTES)), decipher.final()]);
  }
}
