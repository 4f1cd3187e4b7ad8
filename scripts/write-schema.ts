/** Writes scenarios/scenario.schema.json from the zod schema (`npm run schema`). */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SCHEMA_FILE, jsonSchemaText } from '../simulator/scenario/json-schema';

const file = fileURLToPath(new URL(`../${SCHEMA_FILE}`, import.meta.url));
const text = jsonSchemaText();
let previous = '';
try {
  previous = readFileSync(file, 'utf8');
} catch {
  // first run
}
if (previous === text) {
  console.log(`${SCHEMA_FILE} is up to date.`);
} else {
  writeFileSync(file, text);
  console.log(`Wrote ${SCHEMA_FILE} (${text.length} bytes).`);
}
