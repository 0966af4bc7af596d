import { describe, expect, it } from '@jest/globals';
import { RoundTripBatch } from './round-trip-batch.js';

describe('RoundTripBatch', () => {
  it('reads the first key at once and the keys asked meanwhile together, each answered from a read begun after it asked', async () => {
    const reads: string[][] = [];
    let release: () => void = () => {};
    const table = new Map([['a', 1]]);
    const batch = new RoundTripBatch<string, number>(async (keys) => {
      reads.push(keys);
      const snapshot = new Map(keys.flatMap((k) => (table.has(k) ? [[k, table.get(k)!] as const] : [])));
      if (reads.length === 1) await new Promise<void>((r) => (release = r));
      return snapshot;
    });
    const first = batch.get('a');
    // Written after the first read began: only the reads asked for later must see it.
    table.set('b', 2);
    const later = [batch.get('b'), batch.get('c'), batch.get('b')];
    release();
    expect(await first).toBe(1);
    expect(await Promise.all(later)).toEqual([2, undefined, 2]);
    expect(reads).toEqual([['a'], ['b', 'c']]);
  });

  it('fails the callers of a failed read only', async () => {
    let fail = true;
    const batch = new RoundTripBatch<string, number>(() =>
      fail ? Promise.reject(new Error('database gone')) : Promise.resolve(new Map([['x', 7]])),
    );
    await expect(batch.get('x')).rejects.toThrow('database gone');
    fail = false;
    expect(await batch.get('x')).toBe(7);
  });
});
