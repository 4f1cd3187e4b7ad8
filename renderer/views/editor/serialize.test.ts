import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as prettier from 'prettier';
import { formatJson, orderKeys, parseScenarioJson, serializeScenario } from './serialize';

const DIR = path.resolve(__dirname, '../../../scenarios');
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json'));

describe('serializeScenario', () => {
  it('finds the built-in scenarios', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(6);
  });

  it.each(FILES)(
    'round-trips %s byte for byte when it is Prettier-formatted in schema key order (open -> save)',
    async (file) => {
      const filepath = path.join(DIR, file);
      const text = readFileSync(filepath, 'utf8');
      const options = { ...(await prettier.resolveConfig(filepath)), filepath };
      const formatted = await prettier.check(text, options);
      const data = JSON.parse(text) as unknown;
      const canonical = JSON.stringify(orderKeys(data)) === JSON.stringify(data);
      const saved = serializeScenario(parseScenarioJson(text) as Record<string, unknown>);
      if (formatted && canonical) expect(saved).toBe(text);
      // a file written by hand without Prettier or in another key order gets both on its first save
      else expect(await prettier.check(saved, options)).toBe(true);
    },
  );

  it.each(FILES)('open -> save -> open keeps the data, save -> open -> save the bytes: %s', (file) => {
    const text = readFileSync(path.join(DIR, file), 'utf8');
    const data = JSON.parse(text) as Record<string, unknown>;
    const once = serializeScenario(parseScenarioJson(text) as Record<string, unknown>);
    expect(JSON.parse(once)).toEqual(data);
    expect(serializeScenario(parseScenarioJson(once) as Record<string, unknown>)).toBe(once);
    // without layout hints (plain JSON.parse, e.g. a draft) the output is still Prettier-stable
    const plain = serializeScenario(data);
    expect(serializeScenario(parseScenarioJson(plain) as Record<string, unknown>)).toBe(plain);
  });

  it('keeps an object expanded when the file had it expanded, as Prettier does', () => {
    const text = '{\n  "a": {\n    "b": 1\n  },\n  "c": { "d": 2 },\n  "e": { "__proto__": 3 }\n}\n';
    const parsed = parseScenarioJson(text) as Record<string, unknown>;
    expect(formatJson(orderKeys(parsed, undefined))).toBe(text);
    expect(Object.keys(parsed.e as object)).toEqual(['__proto__']);
  });

  it('puts $schema first and orders keys as schema.ts does, whatever the input order', () => {
    const text = serializeScenario({
      nodes: [{ kind: 'service', replicas: 3, id: 'api', group: 'app', label: 'API' }],
      title: 'T',
      id: 'x',
      schemaVersion: 1,
    });
    expect(
      text.startsWith('{\n  "$schema": "./scenario.schema.json",\n  "schemaVersion": 1,\n  "id": "x",'),
    ).toBe(true);
    const parsed = JSON.parse(text) as { nodes: Record<string, unknown>[] };
    expect(Object.keys(parsed.nodes[0]!)).toEqual(['id', 'label', 'kind', 'group', 'replicas']);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('breaks lines only past 110 columns and drops undefined members', () => {
    expect(formatJson({ a: [1, 2], b: {} })).toBe('{ "a": [1, 2], "b": {} }\n');
    const long = { list: Array.from({ length: 30 }, (_, i) => `item-${i}`) };
    expect(formatJson(long).split('\n').length).toBeGreaterThan(30);
    expect(orderKeys({ id: 'a', title: undefined })).toEqual({ id: 'a' });
  });
});
