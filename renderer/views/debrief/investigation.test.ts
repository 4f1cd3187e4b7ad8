import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../../../simulator/engine/api';
import type { RunStep } from '../../../simulator/runs/record';
import type { Scenario } from '../../../simulator/scenario/schema';
import { investigation, namesNode } from './investigation';

const scenario = {
  rootCause: { node: 'orders-db', category: 'slow queries', categories: [], explanation: '' },
  faults: [{ at: 270, target: 'orders-db', type: 'slow-queries', params: {} }],
} as unknown as Scenario;

const run = (at: number, command: string): RunStep => ({ at, kind: 'investigate', command }) as RunStep;

describe('investigation in the debrief', () => {
  it('names a node as a word, a deploy/ or -h argument, or a pod of it, not a longer name', () => {
    expect(namesNode('psql -h orders-db -c "select 1"', 'orders-db')).toBe(true);
    expect(namesNode('kubectl describe deploy/orders', 'orders')).toBe(true);
    expect(namesNode('kubectl logs orders-7d9f8b6c5-x2k4q', 'orders')).toBe(true);
    expect(namesNode('kubectl describe deploy orders-db', 'orders')).toBe(false);
    expect(namesNode('kubectl get pods', 'orders')).toBe(false);
  });

  it('finds the first command that looked at the root cause and when it first showed', () => {
    const steps = [
      run(300, 'kubectl get pods'),
      run(552, 'psql -h orders-db -c "select 1"'),
      run(600, 'dig orders-db'),
    ];
    const events = [
      { t: 280, kind: 'readiness', node: 'orders-db', text: '', hidden: false },
      { t: 200, kind: 'fault', node: 'orders-db', text: '', hidden: true },
    ] as SimEvent[];
    expect(investigation(scenario, steps, events)).toEqual({
      commands: 3,
      node: 'orders-db',
      firstLook: { t: 552, command: 'psql -h orders-db -c "select 1"' },
      firstClueAt: 270,
    });
    expect(investigation(scenario, [run(10, 'help')], []).firstLook).toBeUndefined();
  });
});
