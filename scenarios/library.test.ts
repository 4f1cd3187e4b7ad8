/** The built-in library validates, and the committed JSON Schema matches the zod schema. */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { scenarioAlerts } from '../simulator/alerting/rules';
import { jsonSchemaText } from '../simulator/scenario/json-schema';
import { isCorrectDiagnosis } from '../simulator/scoring/diagnosis';
import { formatErrors, parseScenarioText } from '../simulator/scenario/validate';

const dir = fileURLToPath(new URL('.', import.meta.url));
const files = readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'scenario.schema.json');

describe('built-in scenarios', () => {
  it('there are at least three', () => {
    expect(files.length).toBeGreaterThanOrEqual(3);
  });

  it.each(files)('%s validates', (file) => {
    const result = parseScenarioText(readFileSync(dir + file, 'utf8'), file);
    if (!result.ok) expect.fail(formatErrors(result.errors, file));
    expect(result.scenario.id).toBe(file.replace(/\.json$/, ''));
  });

  it.each(files)(
    '%s is complete: schema link, briefing, page, SLOs, right and wrong actions, hints, solution',
    (file) => {
      const raw = JSON.parse(readFileSync(dir + file, 'utf8')) as Record<string, unknown>;
      expect(raw.$schema).toBe('./scenario.schema.json');
      const result = parseScenarioText(readFileSync(dir + file, 'utf8'), file);
      if (!result.ok) return;
      const s = result.scenario;
      expect(s.briefing.length).toBeGreaterThan(200);
      expect(scenarioAlerts(s).some((a) => a.route === 'page')).toBe(true);
      expect(scenarioAlerts(s).some((a) => a.route !== 'page')).toBe(true);
      expect(s.faults.length).toBeGreaterThan(0);
      expect(s.actions.some((a) => a.effect === 'fixes')).toBe(true);
      expect(s.actions.some((a) => a.effect === 'harmful' || a.effect === 'neutral')).toBe(true);
      expect(s.hints.length).toBeGreaterThan(0);
      expect(s.solution.some((step) => step.kind === 'action')).toBe(true);
      expect(
        s.solution.some(
          (step) =>
            step.kind === 'declare' &&
            isCorrectDiagnosis(s.rootCause, step.target ?? s.rootCause.node, step.category ?? ''),
        ),
      ).toBe(true);
      expect(s.postmortem.actionItems.length).toBeGreaterThan(0);
    },
  );

  it('ids are unique', () => {
    const ids = files.map((f) => (JSON.parse(readFileSync(dir + f, 'utf8')) as { id: string }).id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('scenarios/scenario.schema.json', () => {
  it('is up to date with simulator/scenario/schema.ts', () => {
    const committed = readFileSync(dir + 'scenario.schema.json', 'utf8');
    expect(
      committed === jsonSchemaText(),
      'scenarios/scenario.schema.json is stale: run `npm run schema`',
    ).toBe(true);
  });
});

describe('docs/authoring-scenarios.md', () => {
  const docFile = fileURLToPath(new URL('../docs/authoring-scenarios.md', import.meta.url));
  const doc = readFileSync(docFile, 'utf8');

  it('has an up-to-date generated reference', async () => {
    const { regeneratedDoc } = await import('../scripts/write-schema');
    expect(
      (await regeneratedDoc(doc)) === doc,
      'the reference in docs/authoring-scenarios.md is stale: run `npm run schema`',
    ).toBe(true);
  });

  it('the complete tutorial example validates', () => {
    const start = doc.indexOf('<!-- example: complete -->');
    const block = /```json\n([\s\S]*?)\n```/.exec(doc.slice(start));
    expect(block).not.toBeNull();
    const result = parseScenarioText(block?.[1] ?? '', 'tutorial');
    if (!result.ok) expect.fail(formatErrors(result.errors, 'tutorial example'));
  });
});

describe('the JSON Schema accepts what the validator accepts', () => {
  it.each(files)('%s validates against scenario.schema.json', (file) => {
    const schema = JSON.parse(readFileSync(dir + 'scenario.schema.json', 'utf8')) as object;
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    const ok = validate(JSON.parse(readFileSync(dir + file, 'utf8')));
    expect(ok, JSON.stringify(validate.errors)).toBe(true);
  });
});
