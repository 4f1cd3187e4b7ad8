/**
 * Incident communication in the built-ins: every one has a cast (default or authored), and at
 * least three have authored stakeholders whose real clues and distraction all reach the channel
 * during a run without any response.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { commsPlan } from '../simulator/comms/cast';
import { createSimulation } from '../simulator/engine/index';
import { parseScenarioText } from '../simulator/scenario/validate';
import type { Scenario } from '../simulator/scenario/schema';

const dir = fileURLToPath(new URL('.', import.meta.url));
const scenarios: Scenario[] = readdirSync(dir)
  .filter((f) => f.endsWith('.json') && f !== 'scenario.schema.json')
  .map((f) => {
    const result = parseScenarioText(readFileSync(`${dir}/${f}`, 'utf8'), f);
    if (!result.ok) throw new Error(`${f} is invalid`);
    return result.scenario;
  });
const authored = scenarios.filter((s) => (s.communication?.messages.length ?? 0) > 0);

describe('built-in casts', () => {
  it.each(scenarios.map((s) => [s.id, s] as const))('%s has stakeholders and messages', (_id, scenario) => {
    const plan = commsPlan(scenario);
    expect(plan.cast.length).toBeGreaterThan(0);
    expect(plan.messages.length).toBeGreaterThan(0);
  });

  it('at least three built-ins have authored clues and a distraction', () => {
    const withBoth = authored.filter(
      (s) =>
        s.communication!.messages.some((m) => m.kind === 'clue') &&
        s.communication!.messages.some((m) => m.kind === 'distraction'),
    );
    expect(withBoth.length).toBeGreaterThanOrEqual(3);
  });

  it.each(authored.map((s) => [s.id, s] as const))(
    '%s: every authored message reaches the channel in a run without response',
    (_id, scenario) => {
      const sim = createSimulation(scenario);
      sim.runUntil(scenario.duration);
      const sent = sim.events.filter((e) => e.kind === 'message').map((e) => e.text);
      for (const m of scenario.communication!.messages) expect(sent).toContain(m.text);
    },
  );
});
