import { randomBytes } from 'node:crypto';

/** A stored file as a listing gives it: its key, and when its bytes were written. */
export interface StoredKey {
  key: string;
  writtenAt: Date;
}

/**
 * Where uploaded files are kept, by key. Local disk by default (`LocalDiskStorage`); an S3-compatible
 * bucket implements the same four calls. A key is written once and never changed: a file that changes
 * is a new key. Callers keep the key in the database and the bytes here.
 */
export abstract class FileStorage {
  /** Stores the bytes under the key, replacing nothing that a reader could see half-written. */
  abstract put(key: string, bytes: Buffer, contentType: string): Promise<void>;
  /** The bytes stored under the key, or null when there are none. */
  abstract get(key: string): Promise<Buffer | null>;
  /** Removes the key's bytes; removing a key that is not there is not an error. */
  abstract delete(key: string): Promise<void>;
  /**
   * Up to `limit` keys under the folder `prefix` (`reports`), in key order (by `/`-separated parts, as a
   * bucket lists them), starting after the key `after` (null: from the first). For sweeps that look for
   * files no row names, a slice at a time. Files of a write still in progress may be listed too.
   */
  abstract list(prefix: string, after: string | null, limit: number): Promise<StoredKey[]>;
}

/** Letters, digits, `-`, `_` and `.` in `/`-separated parts, none of them `.` or `..`. */
const KEY = /^(?!.*(?:^|\/)\.{1,2}(?:\/|$))[A-Za-z0-9_.-]+(?:\/[A-Za-z0-9_.-]+)*$/;

export function isValidStorageKey(key: string): boolean {
  return key.length <= 200 && KEY.test(key);
}

/** A new key that cannot be guessed, grouped by area and month: `disclosures/2026/10/3f9c….jpg`. */
export function newStorageKey(area: string, now: Date, extension: string): string {
  const month = now.toISOString().slice(0, 7).replace('-', '/');
  return `${area}/${month}/${randomBytes(16).toString('hex')}.${extension}`;
}
