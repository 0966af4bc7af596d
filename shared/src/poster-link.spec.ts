import { describe, expect, it } from '@jest/globals';
import { posterUrl, villageCodeFromLaunch } from './poster-link.js';

describe('posterUrl', () => {
  it('joins the public base URL and the village path', () => {
    expect(posterUrl('https://mashang.example.cn/', '341821102201')).toBe('https://mashang.example.cn/v/341821102201');
  });
});

describe('villageCodeFromLaunch', () => {
  it('reads the encoded poster URL WeChat passes in q', () => {
    const q = encodeURIComponent('https://mashang.example.cn/v/341821102201');
    expect(villageCodeFromLaunch({ q })).toBe('341821102201');
    expect(villageCodeFromLaunch({ q: encodeURIComponent(q) })).toBe('341821102201');
    expect(villageCodeFromLaunch({ q: encodeURIComponent('https://mashang.example.cn/v/341821102201?from=poster') })).toBe('341821102201');
  });

  it('reads a mini-program code scene, bare or as v=', () => {
    expect(villageCodeFromLaunch({ scene: '341821203202' })).toBe('341821203202');
    expect(villageCodeFromLaunch({ scene: encodeURIComponent('v=341821203202&s=p') })).toBe('341821203202');
  });

  it('reads a plain v parameter and the H5 path', () => {
    expect(villageCodeFromLaunch({ v: '341821203202' })).toBe('341821203202');
    expect(villageCodeFromLaunch({ pathname: '/v/341821203202' })).toBe('341821203202');
  });

  it('finds nothing in malformed input', () => {
    expect(villageCodeFromLaunch({})).toBeNull();
    expect(villageCodeFromLaunch({ q: '%E0%A4%A', v: '3418', scene: 'v=12', pathname: '/v/1234567890123' })).toBeNull();
  });
});
