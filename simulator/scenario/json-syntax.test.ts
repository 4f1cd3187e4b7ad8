import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findJsonSyntaxError, scanJson } from './json-syntax';

describe('the JSON scanner', () => {
  it('builds what JSON.parse builds, for any JSON, compact or indented', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), (value, indent) => {
        const text = JSON.stringify(value, null, indent ? 2 : undefined);
        const scan = scanJson(text);
        expect(scan.ok && scan.value).toEqual(JSON.parse(text));
      }),
      { numRuns: 200 },
    );
  });

  it('lists the objects written with a line break after {, and keeps "__proto__" as data', () => {
    const scan = scanJson('{\n  "a": { "b": 1 },\n  "c": {\n"d": {}\n  },\n  "__proto__": 2\n}');
    if (!scan.ok) throw new Error(scan.error.message);
    const root = scan.value as Record<string, Record<string, unknown>>;
    expect(scan.expanded).toEqual([root, root.c]);
    expect(scan.expanded[0]).toBe(root);
    expect(Object.keys(root)).toEqual(['a', 'c', '__proto__']);
  });

  it('reports the first syntax error with its offset', () => {
    expect(findJsonSyntaxError('{"a": 1,}')).toEqual({
      offset: 8,
      message: 'trailing comma before }: JSON allows none',
    });
    expect(findJsonSyntaxError('[1, 2]')).toBeUndefined();
  });
});
