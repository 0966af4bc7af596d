import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { FileStorage, isValidStorageKey, type StoredKey } from './file-storage.js';

/**
 * Files on the server's own disk, under one directory (`UPLOAD_DIR`). Each file is written beside its
 * place and renamed into it, so a reader never sees half a file. With several instances the directory
 * must be shared (or use an S3-compatible store instead).
 */
export class LocalDiskStorage extends FileStorage {
  private readonly root: string;

  constructor(directory: string) {
    super();
    this.root = resolve(directory);
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    const partial = `${path}.${randomBytes(6).toString('hex')}.partial`;
    try {
      await writeFile(partial, bytes, { flag: 'wx' });
      await rename(partial, path);
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      return await readFile(this.pathOf(key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  async list(prefix: string, after: string | null, limit: number): Promise<StoredKey[]> {
    const found: StoredKey[] = [];
    const start = prefix.split('/');
    const from = after?.split('/') ?? null;
    // Depth first, each folder's entries by name, so the order is that of the keys' parts.
    const walk = async (parts: string[], from: string[] | null): Promise<void> => {
      let entries;
      try {
        entries = await readdir(this.pathOf(parts.join('/')), { withFileTypes: true });
      } catch (error) {
        // A folder removed meanwhile (or never made) lists nothing.
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
        throw error;
      }
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      const depth = parts.length;
      for (const entry of entries) {
        if (found.length >= limit) return;
        const bound = from?.[depth];
        // Before `after`'s part at this depth: listed already. Equal: a file is `after` itself, a folder holds it.
        if (bound !== undefined && entry.name < bound) continue;
        const within = bound !== undefined && entry.name === bound ? from : null;
        const key = [...parts, entry.name];
        if (entry.isDirectory()) await walk(key, within);
        else if (entry.isFile() && !within) {
          const written = await stat(this.pathOf(key.join('/'))).catch(() => null);
          if (written) found.push({ key: key.join('/'), writtenAt: written.mtime });
        }
      }
    };
    // A key `after` outside the prefix is not one of its keys: the listing starts at the first.
    const inside = from !== null && from.length > start.length && start.every((part, i) => from[i] === part);
    await walk(start, inside ? from : null);
    return found;
  }

  /** The key's path, never outside the root whatever the key says. */
  private pathOf(key: string): string {
    const path = resolve(join(this.root, key));
    if (!isValidStorageKey(key) || !path.startsWith(this.root + sep)) throw new Error(`invalid storage key ${JSON.stringify(key)}`);
    return path;
  }
}
