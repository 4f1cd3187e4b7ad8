import { describe, expect, it } from 'vitest';
import type { ScenarioAction } from '../../../../simulator/scenario/schema';
import { actionsForNode, needsConfirmation } from './node-actions';

const action = (type: ScenarioAction['type'], target: string): ScenarioAction => ({
  type,
  target,
  params: {},
  effect: 'neutral',
});

describe('actionsForNode', () => {
  it("keeps the node's own actions first, then actions on its calls, each in listing order", () => {
    const all = [
      action('open-breaker', 'checkout->payments'),
      action('scale', 'checkout'),
      action('restart', 'payments'),
      action('rollback', 'checkout'),
      action('set-timeout', 'api->checkout'),
      action('kill-queries', 'orders-db'),
    ];
    expect(actionsForNode(all, 'checkout').map((a) => `${a.type} ${a.target}`)).toEqual([
      'rollback checkout',
      'scale checkout',
      'set-timeout api->checkout',
      'open-breaker checkout->payments',
    ]);
    expect(actionsForNode(all, 'orders-db').map((a) => a.type)).toEqual(['kill-queries']);
    expect(actionsForNode(all, 'nobody')).toEqual([]);
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
    ] as const) {
      expect(needsConfirmation(t)).toBe(true);
    }
    for (const t of ['scale', 'expand-queue', 'set-timeout', 'open-breaker', 'enable-dns-cache'] as const) {
      expect(needsConfirmation(t)).toBe(false);
    }
  });
});
