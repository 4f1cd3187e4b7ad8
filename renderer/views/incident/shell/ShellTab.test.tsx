// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ActionCommand } from '../../../../simulator/engine/api';
import { runShellCommand } from '../../../../simulator/shell';
import { shellRun } from '../../../../simulator/shell/testing';
import { useIncidentStore } from '../../../stores/incident-store';
import { useShellStore } from '../../../stores/shell-store';
import { render, step, type Rendered } from '../topology/test-fixtures';
import { ShellTab } from './ShellTab';

// happy-dom's URL cannot make file URLs: read from the repository root, where vitest runs.
const text = readFileSync('scenarios/bad-deploy-rollback.json', 'utf8');
const run = shellRun(text);
const ctx = run.at(600);
const ran: string[] = [];
const acted: ActionCommand[] = [];

let view: Rendered | undefined;
const input = () => view?.container.querySelector('input.shell-input') as HTMLInputElement;
const outputs = () =>
  [...(view?.container.querySelectorAll('.shell-output') ?? [])].map((e) => e.textContent);

async function type(value: string) {
  await step(() => {
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
    setter?.call(input(), value);
    input().dispatchEvent(new Event('input', { bubbles: true }));
  });
}
const press = (key: string, init: KeyboardEventInit = {}) =>
  step(() => {
    input().dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, ...init }));
  });

beforeEach(() => {
  ran.length = 0;
  acted.length = 0;
  useShellStore.setState({ runKey: undefined, entries: [], history: [] });
  useIncidentStore.setState({
    status: 'running',
    scenario: run.sim.scenario,
    liveNodes: ctx.liveNodes,
    events: ctx.events,
    time: ctx.time,
    investigate: (line: string) => {
      ran.push(line);
      const r = runShellCommand(line, ctx);
      return Promise.resolve({ ok: r.exitCode === 0, message: r.output });
    },
    act: (command: ActionCommand) => {
      acted.push(command);
      return Promise.resolve({ ok: true, message: `did ${command.type} on ${command.target}` });
    },
  });
});
afterEach(() => {
  view?.unmount();
  view = undefined;
});

describe('ShellTab', () => {
  it('runs a line through the store (the worker) and prints its output under the prompt', async () => {
    view = await render(<ShellTab />);
    await type('kubectl get pods');
    await press('Enter');
    expect(ran).toEqual(['kubectl get pods']);
    expect(outputs()[0]).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\n/);
    expect(view.container.querySelector('.shell-command')?.textContent).toBe('$ kubectl get pods');
    await type('frob');
    await press('Enter');
    expect(view.container.querySelector('.shell-error')?.textContent).toBe('bash: frob: command not found');
  });

  it('runs the real command of an action as that action, asking first when it is destructive', async () => {
    view = await render(<ShellTab />);
    await type('kubectl rollout undo deploy/orders');
    await press('Enter');
    expect(acted).toMatchObject([{ type: 'rollback', target: 'orders' }]);
    expect(ran).toEqual([]);
    expect(outputs().at(-1)).toBe('did rollback on orders');
    // A delete stops the workload: destructive, so it waits for a yes.
    await type('kubectl delete deploy/gateway');
    await press('Enter');
    expect(outputs().at(-1)).toBe('kubectl delete deploy/gateway is destructive. Run it? [y/N]');
    expect(acted).toHaveLength(1);
    await type('n');
    await press('Enter');
    expect(outputs().at(-1)).toBe('Cancelled.');
    await type('kubectl delete deploy/gateway');
    await press('Enter');
    await type('y');
    await press('Enter');
    expect(acted.at(-1)).toMatchObject({ type: 'stop-workload', target: 'gateway' });
    // A read-only command still goes to the shell.
    await type('kubectl get deploy');
    await press('Enter');
    expect(ran).toEqual(['kubectl get deploy']);
  });

  it('recalls history with Up, completes with Tab and clears with Ctrl+L', async () => {
    view = await render(<ShellTab />);
    await type('help');
    await press('Enter');
    await press('ArrowUp');
    expect(input().value).toBe('help');
    await press('ArrowDown');
    expect(input().value).toBe('');
    await type('kubectl descr');
    await press('Tab');
    expect(input().value).toBe('kubectl describe ');
    await type('kubectl describe deploy ord');
    await press('Tab');
    expect(input().value).toBe('kubectl describe deploy orders ');
    await press('l', { ctrlKey: true });
    expect(outputs()).toEqual([]);
  });
});
