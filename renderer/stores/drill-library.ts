/**
 * The built-in readiness drills, bundled from scenarios/drills/ (the storage API lists incident
 * scenarios only), validated once: the library's cards. The session lives in drill-store.ts,
 * loaded with the drill view.
 */
import type { Drill } from '../../simulator/drill/schema';
import { parseDrillText } from '../../simulator/drill/validate';
import { formatErrors } from '../../simulator/scenario/validate';

const FILES = import.meta.glob('../../scenarios/drills/*.json', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

export interface BuiltinDrill {
  readonly file: string;
  readonly text: string;
  readonly drill?: Drill;
  readonly error?: string;
}

export const BUILTIN_DRILLS: readonly BuiltinDrill[] = Object.entries(FILES)
  .filter(([path]) => !path.endsWith('.schema.json'))
  .map(([path, text]) => {
    const file = path.slice(path.lastIndexOf('/') + 1);
    const parsed = parseDrillText(text, file);
    return parsed.ok
      ? { file, text, drill: parsed.drill }
      : { file, text, error: formatErrors(parsed.errors, file) };
  })
  .sort((a, b) => a.file.localeCompare(b.file));
