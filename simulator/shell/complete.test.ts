import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { completeShell } from './complete';
import { sh, shellRun } from './testing';
import { allPods } from './workloads';

const builtin = (id: string) => readFileSync(new URL(`../../scenarios/${id}.json`, import.meta.url), 'utf8');

describe('completeShell', () => {
  const run = shellRun(builtin('redis-queue-fills'));
  const ctx = run.at(300);

  it('completes commands, subcommands and resource kinds', () => {
    expect(completeShell('ku', ctx)).toEqual(['kubectl']);
    expect(completeShell('', ctx)).toContain('redis-cli');
    expect(completeShell('kubectl de', ctx)).toEqual(['describe']);
    expect(completeShell('kubectl get ', ctx)).toEqual(['deploy', 'events', 'hpa', 'nodes', 'pods']);
    expect(completeShell('kubectl get pods -', ctx)).toContain('-n');
  });

  it('completes pod and deployment names the way kubectl get prints them', () => {
    const pods = allPods(ctx)
      .filter((p) => p.workload.id === 'checkout')
      .map((p) => p.name);
    expect(completeShell('kubectl describe pod check', ctx)).toEqual([...pods].sort());
    for (const pod of pods) expect(sh(ctx, 'kubectl get pods')).toContain(pod);
    expect(completeShell('kubectl rollout history deploy/ch', ctx)).toEqual(['deploy/checkout']);
    expect(completeShell('kubectl logs deploy/notify', ctx)).toEqual(['deploy/notify-workers']);
  });

  it('completes Redis hosts, sections and keys, and database hosts', () => {
    expect(completeShell('redis-cli -h ', ctx)).toEqual(['notify-jobs']);
    expect(completeShell('redis-cli -h notify-jobs IN', ctx)).toEqual(['INFO']);
    expect(completeShell('redis-cli -h notify-jobs INFO m', ctx)).toEqual(['memory']);
    expect(completeShell('redis-cli -h notify-jobs LLEN ', ctx)).toEqual(['notify-jobs']);
    expect(completeShell('psql -h ', ctx)).toEqual(['orders-db']);
    expect(completeShell('curl http://che', ctx)).toEqual(['http://checkout/']);
    expect(completeShell('nosuch x', ctx)).toEqual([]);
  });
});
