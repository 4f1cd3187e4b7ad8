import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { optionFor, scenarioJsonSchema } from './schema-json';

const root = fileURLToPath(new URL('../../', import.meta.url));

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sources(path, out);
    else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(path);
  }
  return out;
}

describe('the schema as JSON Schema', () => {
  it('is read by nothing through zod internals (_zod, _def, .def): a zod upgrade may change them', () => {
    const readers = ['simulator', 'renderer', 'cli', 'host', 'electron']
      .flatMap((d) => sources(join(root, d)))
      .filter((file) =>
        /\._zod\b|\._def\b|\.def\.(type|shape|innerType|element|options|in)\b/.test(
          readFileSync(file, 'utf8'),
        ),
      );
    expect(readers).toEqual([]);
  });

  it("picks a node's option by its kind, and none for an unknown kind", () => {
    const nodes = scenarioJsonSchema().properties?.nodes?.items as Parameters<typeof optionFor>[0];
    expect(optionFor(nodes, { kind: 'cache' })?.properties).toHaveProperty('policy');
    expect(optionFor(nodes, { kind: 'servce' })).toBeUndefined();
    expect(optionFor(nodes, 'cache')).toBeUndefined();
  });
});
