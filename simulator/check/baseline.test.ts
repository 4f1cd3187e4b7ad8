import { describe, expect, it } from 'vitest';
import { validateScenario } from '../scenario/validate';
import type { Scenario } from '../scenario/schema';
import { BUILTIN_FILES, loadBuiltin } from '../test-support/builtin-run';
import { baselineWarnings } from './baseline';

function scenario(rate: number, alertMax: number): Scenario {
  const result = validateScenario({
    schemaVersion: 1,
    id: 'b',
    title: 'Baseline',
    difficulty: 'beginner',
    duration: '10m',
    nodes: [
      { id: 'users', kind: 'client', stages: [{ duration: '10m', target: rate }] },
      // defaults: cpuPerRequest 10 ms, cpuLimit 1 -> 100 rps per replica, 2 replicas
      { id: 'api', kind: 'service', replicas: 2 },
    ],
    edges: [{ from: 'users', to: 'api' }],
    faults: [{ at: '5m', target: 'api', type: 'error-rate', params: { rate: 0.5 } }],
    alerts: [
      { name: 'ApiSlow', expr: `latency_p99{node="api"} > ${alertMax}`, for: '30s', severity: 'P1' },
      { name: 'ApiChatty', expr: `latency_p99{node="api"} > 0`, for: '30s', severity: 'P3', route: 'chat' },
    ],
    rootCause: { node: 'api', category: 'bug', categories: ['bug', 'load'] },
    objectives: { slos: [{ node: 'api', metric: 'error_ratio', max: 0.01 }] },
  });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.scenario;
}

describe('baseline warnings', () => {
  it('none for a service within capacity and an alert above its healthy latency; the fault is ignored', () => {
    expect(baselineWarnings(scenario(100, 5))).toEqual([]);
  });

  it('a service over its CPU capacity with no fault, and a page that fires on a healthy system', () => {
    const w = baselineWarnings(scenario(300, 0.001));
    expect(w.map((x) => x.path)).toEqual(['nodes[1]', 'alerting.groups[0].rules[0].expr']);
    expect(w[0]!.message).toMatch(/^'api' fails \d+% of requests, uses 1\d\d% of its CPU limit/);
    expect(w[1]!.message).toMatch(/^'ApiSlow' fires at T\+0:\d\d in a fault-free run/);
  });

  it('a service whose threads are all busy at baseline, though its CPU is not', () => {
    // 2 replicas x 4 threads, 200 ms each (no CPU): 40 rps at most; 36 rps keeps them 90% busy,
    // 60 rps more than fills them
    const threads = (rate: number) => {
      const s = scenario(rate, 5);
      const nodes = s.nodes.map((n) =>
        n.kind === 'service' ? { ...n, concurrency: 4, serviceTime: 0.2, cpuPerRequest: 0.001 } : n,
      );
      return baselineWarnings({ ...s, nodes });
    };
    expect(threads(30)).toEqual([]);
    // (its latency also pages: the queue grows without bound)
    const w = threads(60).filter((x) => x.path.startsWith('nodes'));
    expect(w.map((x) => x.path)).toEqual(['nodes[1]']);
    expect(w[0]!.message).toMatch(/of its threads or connections busy/);
    expect(w[0]!.message).not.toMatch(/CPU limit/);
  });

  it('tells an alert from another whose name it starts with', () => {
    // 'Api' (a page) never fires; 'ApiChatty' (chat) fires at once, and its name begins with 'Api'
    const base = scenario(100, 5);
    const [group] = base.alerting.groups;
    const rules = [{ ...group!.rules[0]!, alert: 'Api' }, group!.rules[1]!];
    const prefixed = { ...base, alerting: { ...base.alerting, groups: [{ ...group!, rules }] } };
    expect(baselineWarnings(prefixed)).toEqual([]);
  });

  it('no built-in scenario has a baseline warning', () => {
    for (const f of BUILTIN_FILES) expect(baselineWarnings(loadBuiltin(f)), f).toEqual([]);
  });
});
