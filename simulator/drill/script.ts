/**
 * A drill script: the steps a headless play takes, in order. Each step is one of
 *   {"test": "ramp-to-4x"}                      a test the drill offers, by name
 *   {"test": {"name": ..., "stages": [...]}}    or written out (k6 ramping-arrival-rate + thresholds)
 *   {"change": {"type": "scale", "target": "checkout", "params": {"replicas": 4}}}
 *   {"wait": "1d"}                              let preparation time pass (a change's lead time)
 * The file is that array, or {"steps": [...]}. Errors name their JSON path.
 */
import { z } from 'zod';
import { SYSTEM_CHANGE_TYPES, type DrillCommand } from './system-changes';
import { ACTION_TYPES } from '../scenario/schema';
import { formatPath, type ScenarioError } from '../scenario/validate';
import { loadTest, prepDuration, THRESHOLD_METRICS, type Drill, type LoadTest } from './schema';
import { parseThreshold } from './thresholds';

export type ScriptStep =
  | { readonly kind: 'test'; readonly test: LoadTest }
  | { readonly kind: 'change'; readonly command: DrillCommand }
  | { readonly kind: 'wait'; readonly seconds: number };

const change = z.strictObject({
  type: z.enum([...ACTION_TYPES, ...SYSTEM_CHANGE_TYPES]),
  target: z.string().min(1),
  params: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])).optional(),
});

/** A run holds at most 24 h, warm-up included. */
const MAX_TEST_SECONDS = 23 * 3600;

const STEP_KEYS = ['test', 'change', 'wait'] as const;

function issues(error: z.ZodError, prefix: (string | number)[]): ScenarioError[] {
  return error.issues.map((i) => ({
    path: formatPath([...prefix, ...(i.path as (string | number)[])]),
    message: i.code === 'unrecognized_keys' ? `unknown field(s) ${i.keys.join(', ')}` : i.message,
  }));
}

export function parseDrillScript(
  json: unknown,
  drill: Drill,
): { ok: true; steps: ScriptStep[] } | { ok: false; errors: ScenarioError[] } {
  const holder = json as { steps?: unknown } | null;
  const list = Array.isArray(json) ? json : holder && typeof holder === 'object' ? holder.steps : undefined;
  const root: (string | number)[] = Array.isArray(json) ? [] : ['steps'];
  if (!Array.isArray(list))
    return {
      ok: false,
      errors: [{ path: '', message: 'expected a JSON array of steps, or {"steps": [...]}' }],
    };
  const errors: ScenarioError[] = [];
  const steps: ScriptStep[] = [];
  list.forEach((raw, i) => {
    const at = [...root, i];
    const keys = raw && typeof raw === 'object' && !Array.isArray(raw) ? Object.keys(raw) : [];
    const kind = STEP_KEYS.find((k) => keys.includes(k));
    if (!kind || keys.length !== 1) {
      errors.push({
        path: formatPath(at),
        message: 'a step is one object with exactly one of "test", "change" or "wait"',
      });
      return;
    }
    const value = (raw as Record<string, unknown>)[kind];
    if (kind === 'wait') {
      const parsed = prepDuration.safeParse(value);
      if (!parsed.success) errors.push(...issues(parsed.error, [...at, 'wait']));
      else steps.push({ kind: 'wait', seconds: parsed.data });
    } else if (kind === 'change') {
      const parsed = change.safeParse(value);
      if (!parsed.success) errors.push(...issues(parsed.error, [...at, 'change']));
      else steps.push({ kind: 'change', command: parsed.data });
    } else if (typeof value === 'string') {
      const test = drill.tests.find((t) => t.name === value);
      if (!test) {
        const names = drill.tests.map((t) => `"${t.name}"`).join(', ');
        errors.push({
          path: formatPath([...at, 'test']),
          message: `the drill offers no test "${value}" (${names || 'none'}); write the test out instead`,
        });
      } else steps.push({ kind: 'test', test });
    } else {
      const parsed = loadTest.safeParse(value);
      if (!parsed.success) {
        errors.push(...issues(parsed.error, [...at, 'test']));
        return;
      }
      const client = parsed.data.client;
      if (client !== undefined && !drill.peak.clients.some((c) => c.client === client))
        errors.push({
          path: formatPath([...at, 'test', 'client']),
          message: `'${client}' is not a client with a peak (${drill.peak.clients.map((c) => c.client).join(', ')})`,
        });
      if (parsed.data.stages.reduce((s, st) => s + st.duration, 0) > MAX_TEST_SECONDS)
        errors.push({
          path: formatPath([...at, 'test', 'stages']),
          message: 'a load test may last at most 23h',
        });
      for (const metric of THRESHOLD_METRICS)
        (parsed.data.thresholds[metric] ?? []).forEach((source, j) => {
          const t = parseThreshold(metric, source);
          if ('error' in t)
            errors.push({ path: formatPath([...at, 'test', 'thresholds', metric, j]), message: t.error });
        });
      steps.push({ kind: 'test', test: parsed.data });
    }
  });
  return errors.length ? { ok: false, errors } : { ok: true, steps };
}
