/**
 * The library's validator for a user file: a readiness drill (`"kind": "drill"`) goes through the
 * drill validator (its errors carry JSON paths like a scenario's), anything else through the
 * incident-scenario validator. The result says which it was, so an invalid drill is labelled one.
 */
import type { Drill } from '../../simulator/drill/schema';
import { isDrillJson } from '../../simulator/drill/schema';
import { parseDrillText } from '../../simulator/drill/validate';
import {
  parseScenarioText,
  type ScenarioError,
  type ValidationResult,
} from '../../simulator/scenario/validate';

export type LibraryValidation =
  | ValidationResult
  | { readonly kind: 'drill'; readonly ok: true; readonly drill: Drill }
  | { readonly kind: 'drill'; readonly ok: false; readonly errors: readonly ScenarioError[] };

/** Cheap pre-check so ordinary scenarios are parsed once. */
const MAYBE_DRILL = /"kind"\s*:\s*"drill"/;

export function validateLibraryText(text: string, file?: string): LibraryValidation {
  if (typeof text === 'string' && MAYBE_DRILL.test(text)) {
    let json: unknown;
    try {
      json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    } catch {
      json = undefined;
    }
    if (isDrillJson(json)) return { kind: 'drill', ...parseDrillText(text, file) };
  }
  return parseScenarioText(text, file);
}
