import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { type FileStorage, isValidStorageKey, newStorageKey } from './file-storage.js';
import { LocalDiskStorage } from './local-disk-storage.js';

describe('LocalDiskStorage', () => {
  const root = mkdtempSync(join(tmpdir(), 'mashang-storage-'));
  const storage: FileStorage = new LocalDiskStorage(root);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('puts, gets and deletes by key, leaving no partial file behind', async () => {
    const key = newStorageKey('disclosures', new Date('2026-10-08T02:00:00Z'), 'jpg');
    expect(key).toMatch(/^disclosures\/2026\/10\/[0-9a-f]{32}\.jpg$/);
    await storage.put(key, Buffer.from('photo bytes'), 'image/jpeg');
    expect((await storage.get(key))?.toString()).toBe('photo bytes');
    expect(readdirSync(join(root, 'disclosures/2026/10'))).toEqual([key.split('/').pop()]);
    await storage.delete(key);
    expect(await storage.get(key)).toBeNull();
    await expect(storage.delete(key)).resolves.toBeUndefined();
  });

  it('never reads or writes outside its directory', async () => {
    for (const key of ['../escape.jpg', 'a/../../escape.jpg', '/etc/passwd', 'a//b.jpg', 'a/./b.jpg', '', 'a b.jpg']) {
      expect(isValidStorageKey(key)).toBe(false);
      await expect(storage.put(key, Buffer.from('x'), 'image/jpeg')).rejects.toThrow(/invalid storage key/);
      await expect(storage.get(key)).rejects.toThrow(/invalid storage key/);
    }
    expect(isValidStorageKey('disclosures/2026/10/ab12.thumb.jpg')).toBe(true);
  });
});
