import { describe, expect, it } from 'vitest';
import { findTooDeep, MAX_JSON_DEPTH, nested } from './json-depth';

describe('findTooDeep', () => {
  it('accepts values up to the limit', () => {
    expect(findTooDeep(nested(MAX_JSON_DEPTH - 1))).toBeUndefined();
    expect(findTooDeep({ a: [1, { b: 'x' }], c: null })).toBeUndefined();
  });

  it('returns the path where the limit is crossed, through objects and arrays', () => {
    expect(findTooDeep({ x: [{ y: [[1]] }] }, 3)).toEqual(['x', 0, 'y']);
  });

  it('walks a 100,000-deep value without overflowing the stack', () => {
    const path = findTooDeep(nested(100_000));
    expect(path).toHaveLength(MAX_JSON_DEPTH);
  });
});
