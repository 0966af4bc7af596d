import { describe, expect, it } from '@jest/globals';
import { sha256 } from '@noble/hashes/sha2';
import { leadingZeroBits, proofOfWorkHolds, solveProofOfWork } from './proof-of-work.js';

describe('proof of work', () => {
  it('counts leading zero bits across bytes', () => {
    expect(leadingZeroBits(new Uint8Array([0xff]))).toBe(0);
    expect(leadingZeroBits(new Uint8Array([0x01, 0xff]))).toBe(7);
    expect(leadingZeroBits(new Uint8Array([0x00, 0x10]))).toBe(11);
    expect(leadingZeroBits(new Uint8Array([0, 0]))).toBe(16);
  });

  it('finds a nonce that holds and only that much work', async () => {
    const challenge = { challenge: 'v1.12.test', difficulty: 12, expiresAt: '' };
    const nonce = await solveProofOfWork(challenge);
    expect(proofOfWorkHolds(challenge.challenge, nonce, 12)).toBe(true);
    expect(leadingZeroBits(sha256(Uint8Array.from(`v1.12.test:${nonce}`, (c) => c.charCodeAt(0))))).toBeGreaterThanOrEqual(12);
    // The nonce is the first that holds: every smaller counter fails.
    const counter = parseInt(nonce, 36);
    for (let c = 0; c < counter; c++) expect(proofOfWorkHolds(challenge.challenge, c.toString(36), 12)).toBe(false);
  });

  it('does not hold for another challenge', async () => {
    const nonce = await solveProofOfWork({ challenge: 'a', difficulty: 10, expiresAt: '' });
    const others = ['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'].filter((c) => proofOfWorkHolds(c, nonce, 10));
    expect(others.length).toBeLessThan(2);
  });

  it('stops when aborted', async () => {
    const signal = { aborted: true, reason: 'left the page' };
    await expect(solveProofOfWork({ challenge: 'x', difficulty: 40, expiresAt: '' }, { signal, batch: 16 })).rejects.toThrow('aborted');
  });
});
