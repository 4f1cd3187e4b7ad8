/**
 * The JSON Schema of the scenario format, generated from the zod schema (schema.ts) so the two
 * cannot disagree. `npm run schema` writes it to scenarios/scenario.schema.json, which scenario
 * files name as "$schema" to get completion, hover docs and checking in VS Code and other editors.
 * A test fails when the committed file is stale.
 */
import { z } from 'zod';
import { ACTION_CATALOG } from '../engine/actions';
import type { ParamDoc } from '../engine/catalog-types';
import { FAULT_CATALOG } from '../engine/faults';
import { SCHEMA_VERSION, scenarioSchema } from './schema';

export const SCHEMA_FILE = 'scenarios/scenario.schema.json';
export const SCHEMA_ID = 'urn:outage-lab:scenario:v1';

export function buildJsonSchema(): Record<string, unknown> {
  // draft-07: what VS Code's JSON language service supports best. 'input' describes what authors
  // write (durations as text, defaults optional), not what the validator returns.
  const generated = z.toJSONSchema(scenarioSchema, {
    io: 'input',
    target: 'draft-07',
    unrepresentable: 'any',
  });
  // 'input' drops the defaults of transformed fields (every duration: zod's default is the parsed
  // number of seconds, not the text an author writes); 'output' keeps them. Seconds are valid input.
  const output = z.toJSONSchema(scenarioSchema, { io: 'output', target: 'draft-07', unrepresentable: 'any' });
  copyDefaults(generated as Json, output as Json);
  const { $schema, ...rest } = generated as Record<string, unknown>;
  const properties = rest.properties as Record<string, { items: Record<string, unknown> }>;
  // Per-type parameters (from the engine's catalogs), so editors complete and check `params`.
  addParamsByType(properties.faults?.items, FAULT_CATALOG);
  addParamsByType(properties.actions?.items, ACTION_CATALOG);
  return {
    $schema,
    $id: SCHEMA_ID,
    title: 'Outage Lab scenario',
    description: `An Outage Lab training scenario (schemaVersion ${SCHEMA_VERSION}). Generated from simulator/scenario/schema.ts by \`npm run schema\`; see docs/authoring-scenarios.md.`,
    ...rest,
  };
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Copies `default` from the output schema into the input one wherever the input has none, walking
 * both in step (properties, items, union options, record values: zod generates them in the same
 * order for both).
 */
export function copyDefaults(input: Json, output: Json): void {
  if (input.default === undefined && output.default !== undefined) input.default = output.default;
  const pairs = (a: unknown, b: unknown) => {
    if (isObject(a) && isObject(b)) copyDefaults(a, b);
  };
  if (isObject(input.properties) && isObject(output.properties))
    for (const [key, value] of Object.entries(input.properties)) pairs(value, output.properties[key]);
  pairs(input.items, output.items);
  pairs(input.additionalProperties, output.additionalProperties);
  for (const key of ['oneOf', 'anyOf', 'allOf'] as const) {
    const a = input[key];
    const b = output[key];
    if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) a.forEach((x, i) => pairs(x, b[i]));
  }
}

/** The file's exact text (stable key order, two-space indent, trailing newline). */
export function jsonSchemaText(): string {
  return `${JSON.stringify(buildJsonSchema(), null, 2)}\n`;
}

interface CatalogEntry {
  readonly summary: string;
  readonly params: Readonly<Record<string, ParamDoc>>;
}

export function addParamsByType(
  item: Record<string, unknown> | undefined,
  catalog: Readonly<Record<string, CatalogEntry>>,
) {
  if (!item) return;
  item.allOf = Object.entries(catalog).map(([type, entry]) => ({
    if: { properties: { type: { const: type } }, required: ['type'] },
    then: {
      description: entry.summary,
      properties: {
        params: {
          type: 'object',
          properties: Object.fromEntries(
            Object.entries(entry.params).map(([name, doc]) => [name, paramSchema(doc)]),
          ),
          ...(Object.values(entry.params).some((d) => d.required)
            ? {
                required: Object.entries(entry.params)
                  .filter(([, d]) => d.required)
                  .map(([n]) => n),
              }
            : {}),
          additionalProperties: false,
        },
      },
    },
  }));
}

function paramSchema(doc: ParamDoc): Record<string, unknown> {
  return {
    type: doc.type,
    description: doc.description,
    ...(doc.default !== undefined ? { default: doc.default } : {}),
    ...(doc.min !== undefined ? { minimum: doc.min } : {}),
    ...(doc.max !== undefined ? { maximum: doc.max } : {}),
    ...(doc.oneOf ? { enum: doc.oneOf } : {}),
  };
}
