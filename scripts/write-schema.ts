/**
 * `npm run schema`: writes the generated artefacts of the scenario format.
 * - scenarios/scenario.schema.json, from the zod schema (simulator/scenario/schema.ts);
 * - scenarios/drills/drill.schema.json, from the drill's (simulator/drill/schema.ts);
 * - the reference section of docs/authoring-scenarios.md, from the schema and the engine's catalogs.
 * Tests fail when either is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as prettier from 'prettier';
import { SCHEMA_FILE, jsonSchemaText } from '../simulator/scenario/json-schema';
import { withReference } from '../simulator/scenario/reference';
import { DRILL_SCHEMA_FILE, drillJsonSchemaText } from '../simulator/drill/json-schema';

export const DOC_FILE = 'docs/authoring-scenarios.md';

function path(relative: string): string {
  return fileURLToPath(new URL(`../${relative}`, import.meta.url));
}

function read(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function write(relative: string, text: string): void {
  const file = path(relative);
  if (read(file) === text) {
    console.log(`${relative} is up to date.`);
  } else {
    writeFileSync(file, text);
    console.log(`Wrote ${relative}.`);
  }
}

/** The doc with its reference section regenerated and formatted as `prettier --write` would. */
export async function regeneratedDoc(current: string): Promise<string> {
  const options = (await prettier.resolveConfig(path(DOC_FILE))) ?? {};
  return prettier.format(withReference(current), { ...options, parser: 'markdown' });
}

export async function main(): Promise<void> {
  write(SCHEMA_FILE, jsonSchemaText());
  write(DRILL_SCHEMA_FILE, drillJsonSchemaText());
  write(DOC_FILE, await regeneratedDoc(read(path(DOC_FILE))));
}

// Run when executed (tsx scripts/write-schema.ts), not when a test imports the helpers.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
