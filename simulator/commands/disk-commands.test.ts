/**
 * The disk actions typed as real commands: kubectl exec (free-disk), kubectl set env LOG_LEVEL and
 * psql's log_min_messages (set-log-level), kubectl patch pvc and aws rds --allocated-storage
 * (expand-volume), aws rds --iops (raise-iops), pg_drop_replication_slot.
 */
import { describe, expect, it } from 'vitest';
import type { CommandTopology } from './syntax';
import { commandEntries } from './syntax';
import { parseActionCommand } from './parse';
import { completeActionCommand } from './complete';
import { makeScenario } from '../engine/testing';

const system: CommandTopology = makeScenario({
  nodes: [
    { id: 'users', kind: 'client', stages: [{ duration: '10m', target: 10 }] },
    { id: 'api', kind: 'service', disk: { sizeGb: 50 } },
    { id: 'orders-db', kind: 'database', disk: { sizeGb: 500, iops: 3000 } },
    { id: 'plain', kind: 'service' },
    { id: 'plain-db', kind: 'database' },
  ],
  edges: [
    { from: 'users', to: 'api' },
    { from: 'api', to: 'orders-db' },
    { from: 'api', to: 'plain' },
    { from: 'plain', to: 'plain-db' },
  ],
} as never);

const ok = (line: string) => {
  const r = parseActionCommand(line, system);
  if (!r.ok) throw new Error(`${line}: ${r.error}`);
  return r;
};
const error = (line: string) => {
  const r = parseActionCommand(line, system);
  if (r.ok) throw new Error(`${line} parsed as ${JSON.stringify(r.command)}`);
  return r.error;
};

describe('disk commands', () => {
  it('every listed disk command parses back to its action, and only nodes with a disk list them', () => {
    const disk = commandEntries(system).filter((e) =>
      ['expand-volume', 'free-disk', 'set-log-level', 'drop-replication-slot', 'raise-iops'].includes(
        e.command.type,
      ),
    );
    expect(new Set(disk.map((e) => e.command.target))).toEqual(new Set(['api', 'orders-db']));
    expect(disk.map((e) => `${e.command.type} ${e.command.target}`).sort()).toEqual([
      'drop-replication-slot orders-db',
      'expand-volume api',
      'expand-volume orders-db',
      'free-disk api',
      'free-disk orders-db',
      'raise-iops orders-db',
      'set-log-level api',
      'set-log-level orders-db',
    ]);
    for (const e of disk) {
      const r = ok(e.line);
      expect(r.command, e.line).toEqual({ ...e.command, params: e.command.params });
      expect(r.canonical).toBe(e.line);
    }
  });

  it('reads volume expansion as RDS and as a PVC patch', () => {
    expect(
      ok(
        'aws rds modify-db-instance --db-instance-identifier orders-db --allocated-storage 1000 --apply-immediately',
      ).command,
    ).toEqual({ type: 'expand-volume', target: 'orders-db', params: { sizeGb: 1000 } });
    expect(
      ok(`kubectl patch pvc data-api -p '{"spec":{"resources":{"requests":{"storage":"200Gi"}}}}'`).command,
    ).toEqual({ type: 'expand-volume', target: 'api', params: { sizeGb: 200 } });
    expect(error(`kubectl patch pvc api-data -p '{"spec":{}}'`)).toBe(
      'kubectl patch pvc: the patch must set spec.resources.requests.storage, e.g. "200Gi"',
    );
    expect(error(`kubectl patch pvc plain-data -p '{"spec":{}}'`)).toBe(
      'plain has no disk volume in this system',
    );
    expect(
      error('aws rds modify-db-instance --db-instance-identifier orders-db --allocated-storage 1000'),
    ).toMatch(/add --apply-immediately/);
    expect(
      error(
        'aws rds modify-db-instance --db-instance-identifier orders-db --allocated-storage 1000 --iops 6000 --apply-immediately',
      ),
    ).toBe('aws rds modify-db-instance: one change per command here (--allocated-storage, --iops)');
  });

  it('reads IOPS, log level and slot commands', () => {
    expect(
      ok('aws rds modify-db-instance --db-instance-identifier orders-db --iops 12000 --apply-immediately')
        .command,
    ).toEqual({ type: 'raise-iops', target: 'orders-db', params: { iops: 12000 } });
    expect(ok('kubectl set env deploy/api LOG_LEVEL=DEBUG').command).toEqual({
      type: 'set-log-level',
      target: 'api',
      params: { level: 'debug' },
    });
    expect(ok(`psql -h orders-db -c "ALTER SYSTEM SET log_min_messages = 'warning'"`).command).toEqual({
      type: 'set-log-level',
      target: 'orders-db',
      params: { level: 'warn' },
    });
    expect(ok(`psql -h orders-db -c "SELECT pg_drop_replication_slot('cdc_slot')"`).command).toEqual({
      type: 'drop-replication-slot',
      target: 'orders-db',
      params: { slot: 'cdc_slot' },
    });
    expect(error('kubectl set env deploy/api FOO=bar')).toBe(
      'kubectl set env: only LOG_LEVEL=LEVEL changes something here (debug, info, warn, error)',
    );
    expect(error('kubectl set env deploy/api LOG_LEVEL=loud')).toBe(
      'LOG_LEVEL must be one of debug, info, warn, error, not loud',
    );
    expect(error(`psql -h plain-db -c "SELECT pg_drop_replication_slot('x')"`)).toBe(
      'plain-db has no disk volume in this system',
    );
  });

  it('kubectl exec: deleting logs is free-disk, df only reads', () => {
    for (const line of [
      'kubectl exec deploy/api -- truncate -s 0 /var/log/app/app.log',
      "kubectl exec api-7d9f8-x2x4q -- sh -c 'rm -f /var/log/app/*.gz'",
      'kubectl exec pod/api-0 -- find /var/log -name *.log -delete',
    ])
      expect(ok(line).command, line).toEqual({ type: 'free-disk', target: 'api', params: {} });
    expect(error('kubectl exec deploy/api -- df -h')).toBe(
      'kubectl exec ... df: it only reads: run it in the Shell tab',
    );
    expect(error('kubectl exec deploy/api -- touch /tmp/x')).toMatch(/delete or truncate logs/);
    expect(error('kubectl exec deploy/plain -- truncate -s 0 /var/log/app.log')).toBe(
      'plain has no disk volume in this system',
    );
    expect(error('kubectl scale deploy/api -- --replicas=2')).toMatch(/only kubectl exec runs a command/);
  });

  it('completion offers the disk commands of the nodes that have a disk', () => {
    const lines = completeActionCommand('kubectl exec deploy/', system);
    expect(lines).toContain('kubectl exec deploy/api ');
    expect(lines.some((l) => l.includes('plain'))).toBe(false);
  });
});
