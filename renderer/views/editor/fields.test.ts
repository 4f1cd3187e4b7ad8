import { describe, expect, it } from 'vitest';
import { NODE_KINDS } from '../../../simulator/scenario/schema';
import {
  EDGE_FIELDS,
  EDGE_KEYS_ELSEWHERE,
  EDGE_SCHEMA,
  fieldInfo,
  formatDefault,
  GROUP_SCHEMAS,
  NODE_FIELDS,
  NODE_KEYS_ELSEWHERE,
  NODE_SCHEMAS,
  type FieldSpec,
} from './fields';

const keys = (fields: readonly FieldSpec[]) => fields.map((f) => f.key).sort();

describe('field tables', () => {
  it.each(NODE_KINDS)('cover every parameter of a %s node in schema.ts, and nothing else', (kind) => {
    const shape = Object.keys(NODE_SCHEMAS[kind].shape).filter(
      (k) => !(NODE_KEYS_ELSEWHERE as readonly string[]).includes(k),
    );
    expect(keys(NODE_FIELDS[kind])).toEqual(shape.sort());
  });

  it('cover every edge parameter', () => {
    const shape = Object.keys(EDGE_SCHEMA.shape).filter(
      (k) => !(EDGE_KEYS_ELSEWHERE as readonly string[]).includes(k),
    );
    expect(keys(EDGE_FIELDS)).toEqual(shape.sort());
  });

  it('cover every member of the nested objects', () => {
    const groups = [...Object.values(NODE_FIELDS).flat(), ...EDGE_FIELDS].filter((f) => f.type === 'group');
    // A group may appear on several kinds (disk: service and database).
    expect([...new Set(groups.map((g) => g.key))].sort()).toEqual(Object.keys(GROUP_SCHEMAS).sort());
    for (const g of groups)
      expect(keys(g.fields ?? [])).toEqual(Object.keys(GROUP_SCHEMAS[g.key]!.shape).sort());
  });

  it('use enum fields exactly where the schema has enums', () => {
    for (const kind of NODE_KINDS)
      for (const field of NODE_FIELDS[kind]) {
        if (field.type === 'group') continue;
        const info = fieldInfo(NODE_SCHEMAS[kind], field.key);
        expect(field.type === 'enum', `${kind}.${field.key}`).toBe(info.options !== undefined);
      }
  });

  it('read defaults and descriptions from the schema', () => {
    const info = fieldInfo(NODE_SCHEMAS.service, 'serviceTime');
    expect(info.default).toBe(0.02);
    expect(info.description).toContain('processing time');
    expect(formatDefault(info.default, 'duration')).toBe('20ms');
    expect(formatDefault(30, 'duration')).toBe('30s');
    expect(formatDefault(90, 'duration')).toBe('1m30s');
    expect(fieldInfo(NODE_SCHEMAS.cache, 'policy').options).toEqual(['noeviction', 'allkeys-lru']);
    expect(fieldInfo(NODE_SCHEMAS.external, 'rateLimit').optional).toBe(true);
  });
});
