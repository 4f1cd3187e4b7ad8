/**
 * Writes an editor document as scenario JSON: stable key order, 2-space indentation, a trailing
 * newline and `"$schema"` first.
 *
 * Key order follows schema.ts (read from its JSON Schema, so it cannot drift), with one
 * exception that matches every built-in file: a node's `kind` comes right after `id`/`label`,
 * before `group`/`position` and the kind's parameters. Keys the schema does not know (only in
 * invalid drafts) follow in their own order. Record-valued fields (`params`) keep their order.
 *
 * Layout follows Prettier's JSON printer at printWidth 110 (the project's format for
 * scenarios/*.json): an object or array is printed on one line when it fits in the width
 * (including the comma after it), otherwise one member per line; an array of several
 * multi-member objects always breaks, as Prettier does. Prettier also keeps an object expanded
 * when its source had a line break after `{`; that is not in the data, so `parseScenarioJson`
 * remembers which parsed objects were written that way (a WeakSet: the editor's immutable edits
 * keep untouched objects, so they keep their layout; an edited object is laid out afresh).
 * So a Prettier-formatted file opened and saved without edits comes back byte-identical
 * (serialize.test.ts checks every built-in one), and whatever the editor writes is already in
 * Prettier's format.
 */
import {
  memberSchema,
  propertiesFor,
  scenarioJsonSchema,
  type JsonSchema,
} from '../../../simulator/scenario/schema-json';
import { scanJson } from '../../../simulator/scenario/json-syntax';

export const PRINT_WIDTH = 110;
export const SCHEMA_REF = './scenario.schema.json';

/** Objects written with a line break after `{` in the file they were read from. */
const expanded = new WeakSet<object>();

/**
 * JSON.parse that also records which objects were written expanded (see above), through the
 * project's one JSON scanner (simulator/scenario/json-syntax.ts). Throws like JSON.parse on
 * invalid text (it validates with JSON.parse first).
 */
export function parseScenarioJson(text: string): unknown {
  const reference: unknown = JSON.parse(text);
  const scan = scanJson(text);
  if (!scan.ok) return reference;
  for (const obj of scan.expanded) expanded.add(obj);
  return scan.value;
}

/** Canonical key order for an object with these schema keys. */
export function keyOrder(keys: readonly string[]): string[] {
  if (keys.includes('kind') && keys.includes('id') && keys.includes('position')) {
    // a node: id, label, kind, group, position, then the kind's own fields
    const head = ['id', 'label', 'kind', 'group', 'position'];
    return [...head, ...keys.filter((k) => !head.includes(k))];
  }
  return [...keys];
}

/** Sets an own data property (a "__proto__" key stays data, as with JSON.parse). */
function put(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Deep copy of `value` with object keys in canonical order; undefined members dropped. */
export function orderKeys(value: unknown, schema: JsonSchema | undefined = scenarioJsonSchema()): unknown {
  if (Array.isArray(value)) return value.map((v, i) => orderKeys(v, memberSchema(schema, value, i)));
  if (value !== null && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const properties = propertiesFor(schema, obj);
    const out: Record<string, unknown> = {};
    const known = properties ? keyOrder(Object.keys(properties)) : [];
    const member = (k: string) => (properties ? properties[k] : undefined);
    for (const k of known)
      if (Object.hasOwn(obj, k) && obj[k] !== undefined) put(out, k, orderKeys(obj[k], member(k)));
    for (const k of Object.keys(obj))
      if (!Object.hasOwn(out, k) && obj[k] !== undefined) put(out, k, orderKeys(obj[k], member(k)));
    if (expanded.has(obj)) expanded.add(out);
    return out;
  }
  return value;
}

/** One-line form: `{ "a": 1, "b": [1, 2] }` (Prettier's spacing). */
function flat(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(flat).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return '{}';
    return `{ ${entries.map(([k, v]) => `${JSON.stringify(k)}: ${flat(v)}`).join(', ')} }`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Prettier always breaks an array of two or more objects (or of two or more arrays) when every
 * element has more than one member.
 */
function mustBreak(value: unknown): boolean {
  if (!Array.isArray(value) || value.length < 2) return false;
  const isArr = Array.isArray(value[0]);
  return value.every((v) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v) !== isArr) return false;
    return (Array.isArray(v) ? v.length : Object.keys(v).length) > 1;
  });
}

/**
 * Prints `value` starting at column `col` on a line indented by `indent`, with `tail` characters
 * (a comma) following it on the same line.
 */
function print(value: unknown, indent: string, col: number, tail: number): string {
  const one = flat(value);
  const composite = value !== null && typeof value === 'object';
  const keepExpanded = composite && expanded.has(value) && Object.keys(value).length > 0;
  if (!composite || (!keepExpanded && !mustBreak(value) && col + one.length + tail <= PRINT_WIDTH))
    return one;
  const inner = indent + '  ';
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const lines = value.map((v, i) => {
      const comma = i < value.length - 1 ? 1 : 0;
      return inner + print(v, inner, inner.length, comma) + (comma ? ',' : '');
    });
    return `[\n${lines.join('\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return '{}';
  const lines = entries.map(([k, v], i) => {
    const key = `${JSON.stringify(k)}: `;
    const comma = i < entries.length - 1 ? 1 : 0;
    return inner + key + print(v, inner, inner.length + key.length, comma) + (comma ? ',' : '');
  });
  return `{\n${lines.join('\n')}\n${indent}}`;
}

/** Formats any JSON value the way the scenario files are formatted (no key reordering). */
export function formatJson(value: unknown): string {
  return print(value, '', 0, 0) + '\n';
}

/** The file text for an editor document. */
export function serializeScenario(doc: Readonly<Record<string, unknown>>): string {
  const withSchema = { ...doc, $schema: typeof doc.$schema === 'string' ? doc.$schema : SCHEMA_REF };
  return formatJson(orderKeys(withSchema));
}
