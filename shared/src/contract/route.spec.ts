import { describe, expect, it } from '@jest/globals';
import { buildPath } from './route.js';

describe('buildPath', () => {
  it('fills and encodes path parameters', () => {
    expect(buildPath('/villages/:code/qr.svg', { code: '341821102201' })).toBe('/villages/341821102201/qr.svg');
    expect(buildPath('/power-items/:id', { id: 'a/b' })).toBe('/power-items/a%2Fb');
  });

  it('refuses a missing parameter', () => {
    expect(() => buildPath('/power-items/:id', {})).toThrow(/id/);
  });
});
