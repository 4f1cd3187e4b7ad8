/**
 * Pins what the editor reads from the schema (the serializer's key order for every object of every
 * node kind, and the side panel's default, description, options and optionality of every field),
 * so that reading it through the JSON Schema instead of zod's internals changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { BUILTIN_FILES, readBuiltinJson } from '../../../simulator/test-support/builtin-run';
import { NODE_KINDS } from '../../../simulator/scenario/schema';
import { EDGE_FIELDS, EDGE_SCHEMA, fieldInfo, GROUP_SCHEMAS, NODE_FIELDS, NODE_SCHEMAS } from './fields';
import { orderKeys } from './serialize';

/** Every key of a zod object's shape, in reverse order, with nested groups filled the same way. */
function fullObject(shape: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(shape).reverse())
    out[key] = GROUP_SCHEMAS[key] ? fullObject(GROUP_SCHEMAS[key].shape) : 1;
  return out;
}

/** Key lists of every object in `value`, by path. */
function keyLists(value: unknown, path: string, out: Record<string, string[]>): void {
  if (Array.isArray(value)) value.forEach((v, i) => keyLists(v, `${path}[${i}]`, out));
  else if (value !== null && typeof value === 'object') {
    out[path] = Object.keys(value);
    for (const [k, v] of Object.entries(value)) keyLists(v, `${path}.${k}`, out);
  }
}

/** The same data with every object's keys reversed, but `params` (records keep their order). */
const reversed = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(reversed);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, k === 'params' ? v : reversed(v)]),
    );
  return value;
};

describe('the serializer key order', () => {
  it('is pinned for every field of every node kind and of an edge', () => {
    const doc = {
      nodes: NODE_KINDS.map((kind) => ({ ...fullObject(NODE_SCHEMAS[kind].shape), kind })),
      edges: [fullObject(EDGE_SCHEMA.shape)],
      zzUnknown: { b: 1, a: 2 },
    };
    const lists: Record<string, string[]> = {};
    keyLists(orderKeys(reversed(doc)), '', lists);
    expect(lists).toMatchSnapshot();
  });

  it.each(BUILTIN_FILES)('puts the keys of %s back in order whatever order they come in', (file) => {
    const data = readBuiltinJson(file);
    const lists: Record<string, string[]> = {};
    const again: Record<string, string[]> = {};
    keyLists(orderKeys(data), '', lists);
    keyLists(orderKeys(reversed(data)), '', again);
    expect(again).toEqual(lists);
  });
});

describe('the side panel field info', () => {
  it('is pinned for every field', () => {
    const info: Record<string, unknown> = {};
    for (const kind of NODE_KINDS)
      for (const field of NODE_FIELDS[kind])
        info[`${kind}.${field.key}`] = fieldInfo(NODE_SCHEMAS[kind], field.key);
    for (const field of EDGE_FIELDS) info[`edge.${field.key}`] = fieldInfo(EDGE_SCHEMA, field.key);
    for (const [group, schema] of Object.entries(GROUP_SCHEMAS))
      for (const key of Object.keys(schema.shape)) info[`${group}.${key}`] = fieldInfo(schema, key);
    info['service.nope'] = fieldInfo(NODE_SCHEMAS.service, 'nope');
    expect(info).toMatchSnapshot();
  });
});
