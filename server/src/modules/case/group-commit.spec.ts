import { describe, expect, it } from '@jest/globals';
import { GroupCommit } from './group-commit.js';

/** A store that records each transaction's items and answers them doubled, refusing any batch holding `refused`. */
function recordingStore(refused: number[] = []) {
  const transactions: number[][] = [];
  const kept: number[] = [];
  let release: () => void = () => {};
  const writeAll = async (items: number[]): Promise<number[]> => {
    transactions.push(items);
    // The first transaction stays open until released: the writes after it arrive meanwhile.
    if (transactions.length === 1) await new Promise<void>((r) => (release = r));
    else await Promise.resolve();
    if (items.some((i) => refused.includes(i))) throw new Error(`refused ${items.join(',')}`);
    kept.push(...items);
    return items.map((i) => i * 2);
  };
  return { transactions, kept, writeAll, release: () => release() };
}

describe('GroupCommit', () => {
  it('writes the first at once and those arriving meanwhile together, answering each its own result', async () => {
    const store = recordingStore();
    const group = new GroupCommit(store.writeAll, { maxInFlight: 1, maxBatch: 50 });
    const answers = [1, 2, 3, 4].map((i) => group.add(i));
    expect(store.transactions).toEqual([[1]]);
    store.release();
    expect(await Promise.all(answers)).toEqual([2, 4, 6, 8]);
    expect(store.transactions).toEqual([[1], [2, 3, 4]]);
  });

  it('keeps to the most in flight and the largest batch', async () => {
    const store = recordingStore();
    const group = new GroupCommit(store.writeAll, { maxInFlight: 2, maxBatch: 2 });
    const answers = [1, 2, 3, 4, 5, 6].map((i) => group.add(i));
    // The first is held open; the second slot takes the next one alone, and the rest wait in pairs.
    expect(store.transactions).toEqual([[1], [2]]);
    await new Promise((r) => setImmediate(r));
    store.release();
    expect(await Promise.all(answers)).toEqual([2, 4, 6, 8, 10, 12]);
    expect(store.transactions.slice(2).every((t) => t.length <= 2)).toBe(true);
    expect(store.transactions.flat().sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('writes each of a failed batch on its own: only the failing one fails', async () => {
    const store = recordingStore([3]);
    const group = new GroupCommit(store.writeAll, { maxInFlight: 1, maxBatch: 50 });
    const answers = [1, 2, 3, 4].map((i) => group.add(i).then(String, (e: Error) => e.message));
    store.release();
    expect(await Promise.all(answers)).toEqual(['2', '4', 'refused 3', '8']);
    expect(store.transactions).toEqual([[1], [2, 3, 4], [2], [3], [4]]);
    expect(store.kept.sort()).toEqual([1, 2, 4]);
  });
});
