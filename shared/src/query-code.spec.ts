import { describe, expect, it } from '@jest/globals';
import { formatQueryCode, normalizeQueryCode } from './query-code.js';

const digits = '0123456789012345678901234';

describe('query code format', () => {
  it('shows five groups of five digits', () => {
    expect(formatQueryCode(digits)).toBe('01234 56789 01234 56789 01234');
  });

  it('accepts what a person types: spaces, dashes, full-width commas', () => {
    expect(normalizeQueryCode('01234 56789 01234 56789 01234')).toBe(digits);
    expect(normalizeQueryCode(' 01234-56789-01234-56789-01234 ')).toBe(digits);
    expect(normalizeQueryCode('01234，56789，01234，56789，01234')).toBe(digits);
  });

  it('rejects codes of the wrong length or with letters', () => {
    expect(normalizeQueryCode('0123456789')).toBeNull();
    expect(normalizeQueryCode(`${digits}9`)).toBeNull();
    expect(normalizeQueryCode('01234 56789 01234 56789 0123A')).toBeNull();
  });
});
