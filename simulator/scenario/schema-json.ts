/**
 * The scenario schema read through zod's public `z.toJSONSchema`, never its internals (`_zod`,
 * `.def`), which a zod upgrade may change silently: the validator's did-you-mean, the editor's
 * key order and its field table walk this JSON Schema. 'input' is what authors write (a field
 * with a default is not required); 'output' also carries the defaults of transformed fields
 * (durations), which 'input' cannot express.
 */
import { z } from 'zod';
import { scenarioSchema } from './schema';

export interface JsonSchema {
  readonly type?: string | readonly string[];
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly items?: JsonSchema | readonly JsonSchema[];
  readonly additionalProperties?: boolean | JsonSchema;
  readonly anyOf?: readonly JsonSchema[];
  readonly oneOf?: readonly JsonSchema[];
  readonly const?: unknown;
  readonly enum?: readonly unknown[];
  readonly default?: unknown;
  readonly description?: string;
}

type Io = 'input' | 'output';
const cache: Record<Io, WeakMap<z.ZodType, JsonSchema>> = { input: new WeakMap(), output: new WeakMap() };

/** The JSON Schema of a zod type (computed once per type and io). */
export function jsonSchemaOf(schema: z.ZodType, io: Io = 'input'): JsonSchema {
  let out = cache[io].get(schema);
  if (!out) {
    out = z.toJSONSchema(schema, { io, target: 'draft-07', unrepresentable: 'any' }) as JsonSchema;
    cache[io].set(schema, out);
  }
  return out;
}

/** The whole scenario format, as authors write it. */
export const scenarioJsonSchema = (): JsonSchema => jsonSchemaOf(scenarioSchema, 'input');

const isRecord = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * The union option that describes `value`: the one whose constant properties (a node's `kind`)
 * all match it; without such constants, the first object option. Undefined when nothing matches.
 */
export function optionFor(schema: JsonSchema | undefined, value: unknown): JsonSchema | undefined {
  const options = schema?.oneOf ?? schema?.anyOf;
  if (!schema || !options) return schema;
  const objects = options.filter((o) => o.properties !== undefined);
  const constants = (o: JsonSchema) =>
    Object.entries(o.properties ?? {}).filter(([, p]) => p.const !== undefined);
  if (objects.some((o) => constants(o).length > 0))
    return objects.find((o) => constants(o).every(([k, p]) => isRecord(value) && value[k] === p.const));
  return objects[0] ?? schema;
}

/** The properties of the object `value` is, in schema order (undefined: not a known object). */
export function propertiesFor(
  schema: JsonSchema | undefined,
  value: unknown,
): Readonly<Record<string, JsonSchema>> | undefined {
  return optionFor(schema, value)?.properties;
}

/** The schema of `value[key]` (an object member, a record value or an array element). */
export function memberSchema(
  schema: JsonSchema | undefined,
  value: unknown,
  key: string | number,
): JsonSchema | undefined {
  const s = optionFor(schema, value);
  if (!s) return undefined;
  if (s.properties) return s.properties[String(key)];
  if (s.items && !Array.isArray(s.items)) return s.items as JsonSchema;
  if (typeof s.additionalProperties === 'object') return s.additionalProperties;
  return undefined;
}
