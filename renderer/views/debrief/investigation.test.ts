import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../../../simulator/engine/api';
import type { InvestigateTool, RunStep } from '../../../simulator/runs/record';
import type { Scenario } from '../../../simulator/scenario/schema';
import { investigation, lookText, looksSummary, namesNode } from './investigation';

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
      byTool: { shell: 3, logql: 0, traces: 0, trace: 0, promql: 0 },
      node: 'orders-db',
      firstLook: { t: 552, command: 'psql -h orders-db -c "select 1"', tool: 'shell' },
      firstClueAt: 270,
    });
    expect(investigation(scenario, [run(10, 'help')], []).firstLook).toBeUndefined();
  });

  it('counts log queries, trace searches, traces opened and PromQL queries; any of them may be the first look', () => {
    const look = (at: number, command: string, tool: InvestigateTool) =>
      ({ at, kind: 'investigate', command, tool }) as RunStep;
    const steps = [
      run(100, 'kubectl get pods'),
      look(200, 'rate(http_requests_total[1m])', 'promql'),
      look(250, 'status=error', 'traces'),
      look(260, 'req-255-t', 'trace'),
      look(300, '{service="orders-db"} |= "timeout"', 'logql'),
      look(320, '{service="orders"}', 'logql'),
    ];
    const result = investigation(scenario, steps, []);
    expect(result.byTool).toEqual({ shell: 1, logql: 2, traces: 1, trace: 1, promql: 1 });
    expect(result.firstLook).toEqual({
      t: 300,
      command: '{service="orders-db"} |= "timeout"',
      tool: 'logql',
    });
    expect(looksSummary(result.byTool)).toBe(
      '1 shell command, 2 log queries, 1 trace search, 1 trace opened and 1 PromQL query',
    );
    expect(looksSummary({ shell: 2, logql: 0, traces: 0, trace: 0, promql: 0 })).toBe('2 shell commands');
    expect(lookText('req-1-t', 'trace')).toBe('Opened trace req-1-t');
    expect(lookText('kubectl get pods', undefined)).toBe('Ran: kubectl get pods');
  });
});
