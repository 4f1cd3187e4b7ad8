/**
 * The library validates user files as incident scenarios. A readiness drill saved in the user
 * folder would get a list of scenario-format errors; it gets one sentence instead (with the
 * drill's own errors when it has some): the library plays the built-in drills only so far.
 */
import { isDrillJson } from '../../simulator/drill/schema';
import { parseDrillText } from '../../simulator/drill/validate';
import { parseScenarioText, type ValidationResult } from '../../simulator/scenario/validate';

/** Cheap pre-check so ordinary scenarios are parsed once. */
const MAYBE_DRILL = /"kind"\s*:\s*"drill"/;

export function validateLibraryText(text: string, file?: string): ValidationResult {
  if (typeof text === 'string' && MAYBE_DRILL.test(text)) {
    let json: unknown;
    try {
      json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    } catch {
      json = undefined;
    }
    if (isDrillJson(json)) {
      const drill = parseDrillText(text, file);
      const note = {
        path: 'kind',
        message:
          'this is a readiness drill: the library plays the built-in drills only for now; play it with `outage-lab drill FILE --script SCRIPT.json`',
      };
      return { ok: false, errors: drill.ok ? [note] : [note, ...drill.errors] };
    }
  }
  return parseScenarioText(text, file);
}
