import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DRILL_SCHEMA_FILE, buildDrillJsonSchema, drillJsonSchemaText } from './json-schema';

describe('the drill JSON Schema', () => {
  it('is committed as generated (npm run schema)', () => {
    const committed = readFileSync(
      fileURLToPath(new URL(`../../${DRILL_SCHEMA_FILE}`, import.meta.url)),
      'utf8',
    );
    expect(committed).toBe(drillJsonSchemaText());
  });

  it("describes the drill's sections and each offered change's parameters", () => {
    interface Conditional {
      if: { properties: { type: { const: string } } };
      then: { properties: { params: { properties: Record<string, unknown> } } };
    }
    const schema = buildDrillJsonSchema() as {
      required: string[];
      properties: { changes: { items: { allOf: Conditional[] } } };
    };
    expect(schema.required).toEqual(
      expect.arrayContaining(['kind', 'nodes', 'slos', 'peak', 'preparation', 'cost', 'budget']),
    );
    const resize = schema.properties.changes.items.allOf.find(
      (c) => c.if.properties.type.const === 'resize-database',
    );
    expect(Object.keys(resize!.then.properties.params.properties)).toEqual(['cores', 'maxConnections']);
  });
});
