import { ACTION_CATALOG } from '../engine/actions';
import { describe, expect, it } from 'vitest';
import { completeActionCommand } from './complete';
import { parseActionCommand } from './parse';
import { system } from './fixture';
import { commandEntries } from './syntax';

const complete = (line: string) => completeActionCommand(line, system);

describe('completeActionCommand', () => {
  it('completes the tools', () => {
    expect(complete('')).toEqual(['kubectl ', 'consul ', 'psql ', 'aws ', 'redis-cli ']);
    expect(complete('k')).toEqual(['kubectl ']);
    expect(complete('re')).toEqual(['redis-cli ']);
  });

  it('completes subcommands and deployments as kubectl names them', () => {
    expect(complete('kubectl sc')).toEqual(['kubectl scale ']);
    expect(complete('kubectl rollout ')).toEqual(['kubectl rollout restart ', 'kubectl rollout undo ']);
    expect(complete('kubectl scale ')).toEqual(['kubectl scale deploy/']);
    expect(complete('kubectl scale deploy/')).toEqual([
      'kubectl scale deploy/checkout ',
      'kubectl scale deploy/search ',
    ]);
    expect(complete('kubectl scale deploy/ch')).toEqual(['kubectl scale deploy/checkout ']);
    expect(complete('kubectl -n kube-system scale deploy/')).toEqual([
      'kubectl -n kube-system scale deploy/coredns ',
    ]);
  });

  it('completes a flag, then its value from the system', () => {
    expect(complete('kubectl scale deploy/checkout ')).toEqual(['kubectl scale deploy/checkout --replicas=']);
    expect(complete('kubectl scale deploy/checkout --replicas=')).toEqual([
      'kubectl scale deploy/checkout --replicas=4',
    ]);
    expect(complete('kubectl set resources deploy/checkout --limits=memory')).toEqual([
      'kubectl set resources deploy/checkout --limits=memory=1Gi',
    ]);
  });

  it('completes hosts for redis-cli and psql, and Consul keys level by level', () => {
    expect(complete('redis-cli -h ')).toEqual(['redis-cli -h sessions ', 'redis-cli -h jobs ']);
    expect(complete('psql -h ')).toEqual(['psql -h orders-db ']);
    expect(complete('consul kv put config/')).toEqual([
      'consul kv put config/users/',
      'consul kv put config/lb/',
      'consul kv put config/checkout/',
      'consul kv put config/search/',
      'consul kv put config/sessions/',
      'consul kv put config/geo/',
      'consul kv put config/lb-west/',
    ]);
    expect(complete('consul kv put config/checkout/orders-db/t')).toEqual([
      'consul kv put config/checkout/orders-db/timeout ',
    ]);
    expect(complete('consul kv put config/checkout/orders-db/timeout ')).toEqual([
      'consul kv put config/checkout/orders-db/timeout 5s',
    ]);
  });

  it('offers nothing past an unknown word', () => {
    expect(complete('kubectl scale deploy/nope ')).toEqual([]);
    expect(complete('rm ')).toEqual([]);
  });

  it('every listed command parses back to its own action', () => {
    const entries = commandEntries(system);
    // every catalog action applies somewhere in this system
    expect(new Set(entries.map((e) => e.command.type)).size).toBe(Object.keys(ACTION_CATALOG).length);
    for (const e of entries) {
      const r = parseActionCommand(e.line, system);
      expect(r, e.line).toMatchObject({ ok: true, canonical: e.line });
      if (r.ok) expect(r.command.type, e.line).toBe(e.command.type);
      if (r.ok) expect(r.command.target, e.line).toBe(e.command.target);
    }
  });
});

describe('completion of autoscaler commands on a service without an HPA', () => {
  const plain = {
    nodes: [
      ...system.nodes,
      { id: 'worker', kind: 'service', replicas: 3, concurrency: 10, serviceTime: 0.01 },
    ] as typeof system.nodes,
    edges: system.edges,
  };
  it('offers kubectl autoscale (which creates one) and no delete; the line parses back to its command', () => {
    expect(completeActionCommand('kubectl autoscale deploy ', plain)).toContain(
      'kubectl autoscale deploy worker ',
    );
    expect(completeActionCommand('kubectl delete hpa ', plain)).toEqual([
      'kubectl delete hpa checkout',
      'kubectl delete hpa search',
    ]);
    const entry = commandEntries(plain).find(
      (e) => e.node === 'worker' && e.command.type === 'set-autoscaler-bounds',
    )!;
    expect(entry.line).toBe('kubectl autoscale deploy worker --min=1 --max=6');
    const r = parseActionCommand(entry.line, plain);
    expect(r.ok && r.command).toEqual(entry.command);
  });
});
