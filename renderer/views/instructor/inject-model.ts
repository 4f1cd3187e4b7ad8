/** Pure helpers of the game master's inject form: targets, parameter parsing, times. */
import type { ParamDoc, ParamValue } from '../../../simulator/engine/catalog-types';
import { FAULT_CATALOG } from '../../../simulator/engine/faults';
import { parseDuration } from '../../../simulator/scenario/duration';
import type { FaultType, Scenario } from '../../../simulator/scenario/schema';

export const FAULT_TYPE_LIST = Object.keys(FAULT_CATALOG) as FaultType[];

/** Node ids (or "from->to" edges) the fault type applies to in this scenario. */
export function faultTargets(scenario: Scenario, type: FaultType): string[] {
  const doc = FAULT_CATALOG[type];
  if (doc.appliesTo.includes('edge')) return scenario.edges.map((e) => `${e.from}->${e.to}`);
  return scenario.nodes
    .filter((n) => (doc.appliesTo as readonly string[]).includes(n.kind))
    .filter((n) => doc.requires !== 'region' || n.region !== undefined) // a region fault names one
    .filter((n) => doc.requires !== 'disk' || ('disk' in n && n.disk !== undefined)) // a volume to fill
    .map((n) => n.id);
}

/** Fault types that apply to at least one target of the scenario. */
export function applicableFaultTypes(scenario: Scenario): FaultType[] {
  return FAULT_TYPE_LIST.filter((type) => faultTargets(scenario, type).length > 0);
}

/** The form's text for a parameter's default ('' when it has none). */
export function defaultText(doc: ParamDoc): string {
  return doc.default === undefined ? '' : String(doc.default);
}

/**
 * The form's raw texts as fault params: empty fields are left out (the engine takes the default),
 * numbers are checked against the catalog's bounds. Returns the params or one plain sentence.
 */
export function parseParams(
  docs: Readonly<Record<string, ParamDoc>>,
  raw: Readonly<Record<string, string>>,
): { ok: true; params: Record<string, ParamValue> } | { ok: false; error: string } {
  const params: Record<string, ParamValue> = {};
  for (const [name, doc] of Object.entries(docs)) {
    const text = (raw[name] ?? '').trim();
    if (text === '') {
      if (doc.required) return { ok: false, error: `${name} is required.` };
      continue;
    }
    if (doc.type === 'number') {
      const value = Number(text);
      if (!Number.isFinite(value)) return { ok: false, error: `${name} must be a number.` };
      if (doc.min !== undefined && value < doc.min)
        return { ok: false, error: `${name} must be at least ${doc.min}.` };
      if (doc.max !== undefined && value > doc.max)
        return { ok: false, error: `${name} must be at most ${doc.max}.` };
      params[name] = value;
    } else if (doc.type === 'boolean') {
      params[name] = text === 'true';
    } else {
      if (doc.oneOf && !doc.oneOf.includes(text)) {
        return { ok: false, error: `${name} must be one of ${doc.oneOf.join(', ')}.` };
      }
      params[name] = text;
    }
  }
  return { ok: true, params };
}

/** A simulated time typed as "mm:ss", "h:mm:ss" or a duration ("90s", "5m"); undefined if invalid. */
export function parseSimTime(text: string): number | undefined {
  const trimmed = text.trim().replace(/^T\+/i, '');
  if (trimmed === '') return undefined;
  const parts = trimmed.split(':');
  if (parts.length >= 2 && parts.length <= 3 && parts.every((p) => /^\d+$/.test(p))) {
    return parts.reduce((acc, p) => acc * 60 + Number(p), 0);
  }
  return parseDuration(trimmed);
}
