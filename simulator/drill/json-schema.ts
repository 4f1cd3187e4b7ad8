/**
 * The JSON Schema of the drill format, generated from its zod schema (schema.ts) by `npm run schema`
 * into scenarios/drills/drill.schema.json, which drill files name as "$schema" for editor
 * completion. A test fails when the committed file is stale.
 */
import { z } from 'zod';
import { ACTION_CATALOG } from '../engine/actions';
import { addParamsByType, copyDefaults } from '../scenario/json-schema';
import { DRILL_FORMAT_VERSION, drillSchema } from './schema';
import { SYSTEM_CHANGE_CATALOG } from './system-changes';

export const DRILL_SCHEMA_FILE = 'scenarios/drills/drill.schema.json';
export const DRILL_SCHEMA_ID = 'urn:outage-lab:drill:v1';

export function buildDrillJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(drillSchema, { io: 'input', target: 'draft-07', unrepresentable: 'any' });
  // The durations' defaults, which 'input' drops (see the scenario's json-schema.ts).
  const output = z.toJSONSchema(drillSchema, { io: 'output', target: 'draft-07', unrepresentable: 'any' });
  copyDefaults(generated as Record<string, unknown>, output as Record<string, unknown>);
  const { $schema, ...rest } = generated as Record<string, unknown>;
  const properties = rest.properties as Record<string, { items: Record<string, unknown> }>;
  // The offered changes take the catalog actions' (or system changes') parameters, per type.
  addParamsByType(properties.changes?.items, { ...ACTION_CATALOG, ...SYSTEM_CHANGE_CATALOG });
  return {
    $schema,
    $id: DRILL_SCHEMA_ID,
    title: 'Outage Lab readiness drill',
    description: `An Outage Lab readiness drill (drillVersion ${DRILL_FORMAT_VERSION}). Generated from simulator/drill/schema.ts by \`npm run schema\`; see docs/authoring-scenarios.md, "Readiness drills".`,
    ...rest,
  };
}

export function drillJsonSchemaText(): string {
  return `${JSON.stringify(buildDrillJsonSchema(), null, 2)}\n`;
}
