import { describe, expect, it } from 'vitest';
import { commandEntries } from '../../../../simulator/commands';
import { system } from '../../../../simulator/commands/fixture';
import { matches, parseCommand, phrase } from './phrase';

const entries = commandEntries(system);

describe('action phrasing', () => {
  it('phrases actions in plain words', () => {
    expect(phrase('scale', 'checkout', { replicas: 12 })).toBe('scale checkout to 12');
    expect(phrase('kill-queries', 'orders-db')).toBe('kill slow queries on orders-db');
    expect(phrase('set-autoscaler-bounds', 'webapp', { min: 20, max: 400 })).toBe(
      'patch hpa webapp: minReplicas 20, maxReplicas 400',
    );
    expect(phrase('set-autoscaler-bounds', 'webapp', { target: 0.5 })).toBe('patch hpa webapp: target 0.5');
    expect(phrase('raise-memory-limit', 'coredns', { memoryMb: 512 })).toBe(
      'raise memory limit of coredns to 512 MB',
    );
  });

  it('parses plain phrases against every action on every node, not a scenario list', () => {
    expect(parseCommand('rollback checkout', entries)).toEqual({
      type: 'rollback',
      target: 'checkout',
      params: {},
    });
    expect(parseCommand('  Kill slow queries on ORDERS-DB ', entries)).toEqual({
      type: 'kill-queries',
      target: 'orders-db',
      params: {},
    });
    expect(parseCommand('restart search', entries)).toEqual({
      type: 'restart',
      target: 'search',
      params: {},
    });
    expect(parseCommand('scale checkout to 12', entries)).toEqual({
      type: 'scale',
      target: 'checkout',
      params: { replicas: 12 },
    });
    expect(parseCommand('scale coredns 6', entries)).toEqual({
      type: 'scale-dns',
      target: 'coredns',
      params: { replicas: 6 },
    });
  });

  it('returns nothing for what is not an action on this system', () => {
    expect(parseCommand('scale orders-db to 3', entries)).toBeUndefined();
    expect(parseCommand('scale nobody to 3', entries)).toBeUndefined();
    expect(parseCommand('rm -rf /', entries)).toBeUndefined();
    expect(parseCommand('', entries)).toBeUndefined();
  });

  it('filters by every word, in the command or its phrase', () => {
    const hits = (q: string) => entries.filter((e) => matches(e, q)).map((e) => e.line);
    expect(hits('kill orders')).toEqual([
      `psql -h orders-db -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE state = 'active' AND now() - query_start > interval '1 minute'"`,
    ]);
    expect(hits('kubectl scale deploy/check')).toEqual(['kubectl scale deploy/checkout --replicas=4']);
    expect(hits('maxmemory')).toEqual([
      'redis-cli -h sessions CONFIG SET maxmemory 2gb',
      'redis-cli -h jobs CONFIG SET maxmemory 1gb',
    ]);
    expect(hits('nothing-like-this')).toEqual([]);
  });
});
