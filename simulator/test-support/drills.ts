/** Test support: the built-in drills, read and validated from scenarios/drills/. */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Drill } from '../drill/schema';
import { parseDrillText } from '../drill/validate';

export const DRILL_DIR = fileURLToPath(new URL('../../scenarios/drills/', import.meta.url));

export const DRILL_FILES = readdirSync(DRILL_DIR).filter(
  (f) => f.endsWith('.json') && !f.endsWith('.schema.json'),
);

export function drillText(file: string): string {
  return readFileSync(DRILL_DIR + file, 'utf8');
}

export function builtinDrill(file: string): Drill {
  const result = parseDrillText(drillText(file), file);
  if (!result.ok) throw new Error(`${file}: ${JSON.stringify(result.errors)}`);
  return result.drill;
}
