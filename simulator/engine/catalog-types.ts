/** Shared shape of the fault and action catalogs: what a scenario author (and the validator) may rely on. */
import type { NodeKind } from '../scenario/schema';

export type ParamValue = number | string | boolean;

export interface ParamDoc {
  readonly type: 'number' | 'string' | 'boolean';
  readonly description: string;
  /** Default when omitted; absent when the parameter is required. */
  readonly default?: ParamValue;
  readonly required?: boolean;
  /** Inclusive bounds for numbers. */
  readonly min?: number;
  readonly max?: number;
  /** Allowed values for strings. */
  readonly oneOf?: readonly string[];
}

export type Target = NodeKind | 'edge';

/** Checks `params` against a catalog entry: unknown names, wrong types, out-of-range values. */
export function checkParams(
  docs: Readonly<Record<string, ParamDoc>>,
  params: Readonly<Record<string, ParamValue>> | undefined,
): string | undefined {
  if (!params) params = {};
  for (const name of Object.keys(params)) {
    if (!(name in docs)) {
      const known = Object.keys(docs);
      return `unknown parameter "${name}"${known.length ? ` (expected ${known.join(', ')})` : ' (it takes none)'}`;
    }
  }
  for (const [name, doc] of Object.entries(docs)) {
    const value = params[name];
    if (value === undefined) {
      if (doc.required) return `parameter "${name}" is required (${doc.description})`;
      continue;
    }
    if (typeof value !== doc.type) return `parameter "${name}" must be a ${doc.type}`;
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) return `parameter "${name}" must be a finite number`;
      if (doc.min !== undefined && value < doc.min) return `parameter "${name}" must be at least ${doc.min}`;
      if (doc.max !== undefined && value > doc.max) return `parameter "${name}" must be at most ${doc.max}`;
    }
    if (typeof value === 'string' && doc.oneOf && !doc.oneOf.includes(value)) {
      return `parameter "${name}" must be one of ${doc.oneOf.map((v) => `"${v}"`).join(', ')}`;
    }
  }
  return undefined;
}
