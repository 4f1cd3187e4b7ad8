import { describe, expect, it } from 'vitest';
import { commandEntries } from '../../../../simulator/commands';
import { system } from '../../../../simulator/commands/fixture';
import { actionsForNode, needsConfirmation } from './node-actions';

describe('actionsForNode', () => {
  it("lists every catalog action on the node, then on each call it makes or receives, whatever the scenario's list says", () => {
    const entries = commandEntries(system);
    const { own, calls } = actionsForNode(entries, 'checkout');
    expect(own.map((e) => e.command.type)).toEqual([
      'scale',
      'set-autoscaler-bounds',
      'delete-autoscaler',
      'restart',
      'rollback',
      'set-pool-size',
      'set-rate-limit',
      'stop-workload',
      'raise-cpu-limit',
      'raise-memory-limit',
      'remove-sidecar',
      'set-probe',
      'block-payload',
      'expand-volume',
      'free-disk',
      'set-log-level',
    ]);
    expect(calls.map((c) => c.target)).toEqual([
      'lb->checkout',
      'checkout->orders-db',
      'checkout->sessions',
      'checkout->jobs',
      'lb-west->checkout',
    ]);
    expect(calls[1]!.entries.map((e) => e.command.type)).toEqual([
      'set-timeout',
      'set-retries',
      'set-retry-budget',
      'set-pool-size',
      'set-rate-limit',
      'open-breaker',
      'close-breaker',
      'shallow-health-check',
    ]);
    expect(actionsForNode(entries, 'orders-db').own.map((e) => e.command.type)).toEqual([
      'kill-queries',
      'failover',
      'set-pool-size',
      'resize-database',
      'expand-volume',
      'free-disk',
      'set-log-level',
      'drop-replication-slot',
      'raise-iops',
    ]);
    expect(actionsForNode(entries, 'nobody')).toEqual({ own: [], calls: [] });
  });
});

describe('needsConfirmation', () => {
  it('confirms destructive actions and rollbacks', () => {
    for (const t of [
      'restart',
      'kill-queries',
      'failover',
      'purge-queue',
      'stop-workload',
      'rollback',
    ] as const)
      expect(needsConfirmation(t)).toBe(true);
    for (const t of ['scale', 'expand-queue', 'set-timeout', 'open-breaker', 'enable-dns-cache'] as const)
      expect(needsConfirmation(t)).toBe(false);
  });
});
