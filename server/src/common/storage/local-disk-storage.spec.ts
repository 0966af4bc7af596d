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

describe('LocalDiskStorage.list', () => {
  const root = mkdtempSync(join(tmpdir(), 'mashang-storage-list-'));
  const storage: FileStorage = new LocalDiskStorage(root);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('lists the keys under a folder in the order of their parts, a slice at a time after a key', async () => {
    const keys = [
      'reports/2026/09/ff.jpg',
      'reports/2026/10/0a.jpg',
      'reports/2026/10/0a.thumb.jpg',
      'reports/2026/10/b1.pdf',
      'reports/2026/11/c2.png',
      'reports/2027/01/d3.jpg',
    ];
    for (const key of [...keys].reverse()) await storage.put(key, Buffer.from(key), 'application/octet-stream');
    await storage.put('disclosures/2026/10/e4.jpg', Buffer.from('x'), 'image/jpeg');
    await storage.put('reports-old.txt', Buffer.from('x'), 'text/plain');

    const all = await storage.list('reports', null, 100);
    expect(all.map((k) => k.key)).toEqual(keys);
    expect(all.every((k) => Math.abs(k.writtenAt.getTime() - Date.now()) < 60_000)).toBe(true);

    const slices: string[][] = [];
    let after: string | null = null;
    for (;;) {
      const slice: string[] = (await storage.list('reports', after, 2)).map((k) => k.key);
      if (!slice.length) break;
      slices.push(slice);
      after = slice[slice.length - 1]!;
    }
    expect(slices).toEqual([keys.slice(0, 2), keys.slice(2, 4), keys.slice(4, 6)]);
    // After a key that is gone, the listing goes on from where it stood.
    await storage.delete('reports/2026/10/0a.thumb.jpg');
    expect((await storage.list('reports', 'reports/2026/10/0a.thumb.jpg', 1)).map((k) => k.key)).toEqual(['reports/2026/10/b1.pdf']);
    expect(await storage.list('reports', 'reports/2027/01/d3.jpg', 10)).toEqual([]);
    expect(await storage.list('missing', null, 10)).toEqual([]);
  });
});
