import { describe, expect, it } from 'vitest';
import type { ScenarioAction } from '../../../../simulator/scenario/schema';
import { actionLabel, listingOrder, matches, parseCommand, phrase } from './phrase';

const offered: ScenarioAction[] = [
  { type: 'scale', target: 'checkout', params: { replicas: 8 }, effect: 'harmful' },
  { type: 'rollback', target: 'payments', params: {}, effect: 'fixes' },
  { type: 'kill-queries', target: 'orders-db', params: {}, effect: 'fixes' },
];

describe('action phrasing', () => {
  it('phrases actions like kubectl', () => {
    expect(phrase('scale', 'checkout', { replicas: 12 })).toBe('scale checkout to 12');
    expect(phrase('kill-queries', 'orders-db')).toBe('kill slow queries on orders-db');
    expect(phrase('set-autoscaler-bounds', 'webapp', { min: 20, max: 400 })).toBe(
      'patch hpa webapp: minReplicas 20, maxReplicas 400',
    );
    expect(phrase('set-autoscaler-bounds', 'webapp', { target: 0.5 })).toBe('patch hpa webapp: target 0.5');
    expect(actionLabel({ ...offered[1]!, label: 'Roll back payments to v41' })).toBe(
      'Roll back payments to v41',
    );
  });

  it('parses typed commands against the offered actions', () => {
    expect(parseCommand('rollback payments', offered)).toEqual({
      type: 'rollback',
      target: 'payments',
      params: {},
    });
    expect(parseCommand('  Kill slow queries on ORDERS-DB ', offered)).toEqual({
      type: 'kill-queries',
      target: 'orders-db',
      params: {},
    });
    expect(parseCommand('scale checkout to 12', offered)).toEqual({
      type: 'scale',
      target: 'checkout',
      params: { replicas: 12 },
    });
    expect(parseCommand('kubectl scale deploy/checkout --replicas=3', offered)).toEqual({
      type: 'scale',
      target: 'checkout',
      params: { replicas: 3 },
    });
  });

  it('returns nothing for commands the scenario does not offer', () => {
    expect(parseCommand('scale payments to 3', offered)).toBeUndefined();
    expect(parseCommand('rm -rf /', offered)).toBeUndefined();
    expect(parseCommand('', offered)).toBeUndefined();
  });

  it('filters by every word', () => {
    expect(offered.filter((a) => matches(a, 'kill orders'))).toHaveLength(1);
    expect(offered.filter((a) => matches(a, 'scale checkout 12'))).toHaveLength(1);
    expect(offered.filter((a) => matches(a, 'nothing'))).toHaveLength(0);
  });
});

describe('listingOrder', () => {
  it('lists offered actions by target and label, not in the order the author wrote them', () => {
    const authored: ScenarioAction[] = [
      { type: 'kill-queries', target: 'db', params: {}, effect: 'fixes' },
      { type: 'scale', target: 'api', params: { replicas: 9 }, effect: 'neutral' },
      { type: 'restart', target: 'api', params: {}, effect: 'harmful' },
    ];
    expect(listingOrder(authored).map((a) => `${a.target}:${a.type}`)).toEqual([
      'api:restart',
      'api:scale',
      'db:kill-queries',
    ]);
    expect(authored[0]!.type).toBe('kill-queries'); // the scenario's own list stays as written
  });
});
