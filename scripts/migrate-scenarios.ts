/**
 * Rewrites scenario files of schema version 1 as version 2 (alerts -> Prometheus rule groups and
 * an Alertmanager route), with the migration validateScenario applies to old files at load time.
 *
 *   npx tsx scripts/migrate-scenarios.ts [FILE...]    (default: scenarios/*.json)
 *
 * A file whose alerts cannot all be rewritten is left alone, with the reasons. Files are written
 * as the editor saves them (serialize.ts: Prettier's layout, the untouched parts as they were).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isVersion1, migrateScenarioJson } from '../simulator/alerting/migrate';
import { formatPath, validateScenario } from '../simulator/scenario/validate';
import { parseScenarioJson, serializeScenario } from '../renderer/views/editor/serialize';

const files =
  process.argv.length > 2
    ? process.argv.slice(2)
    : readdirSync('scenarios')
        .filter((f) => f.endsWith('.json') && f !== 'scenario.schema.json')
        .map((f) => join('scenarios', f));

let failed = 0;
for (const file of files) {
  // parseScenarioJson remembers each object's layout, so only the new alerting section is laid out afresh.
  const json = parseScenarioJson(readFileSync(file, 'utf8'));
  if (!isVersion1(json)) {
    console.log(`${file}: already current`);
    continue;
  }
  const { json: migrated, issues } = migrateScenarioJson(json);
  const check = validateScenario(migrated);
  if (issues.length > 0 || !check.ok) {
    failed++;
    for (const i of issues) console.error(`${file}: ${formatPath(i.path)}: ${i.message}`);
    if (!check.ok) for (const e of check.errors) console.error(`${file}: ${e.path}: ${e.message}`);
    continue;
  }
  writeFileSync(file, serializeScenario(migrated));
  console.log(`${file}: migrated`);
}
process.exitCode = failed > 0 ? 1 : 0;
