import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runShellCommand } from './run';
import { sh, shellRun } from './testing';

const builtin = (id: string) => readFileSync(new URL(`../../scenarios/${id}.json`, import.meta.url), 'utf8');
const field = (out: string, key: string): number => Number(new RegExp(`^${key}:(\\d+)`, 'm').exec(out)?.[1]);

describe('redis-cli in redis-queue-fills', () => {
  const run = shellRun(builtin('redis-queue-fills'));
  const queue = run.sim.scenario.nodes.find((n) => n.kind === 'queue');
  if (queue?.kind !== 'queue') throw new Error('no queue');
  const maxBytes = queue.maxMemoryMb * 1024 * 1024;

  it('INFO memory of the queue is far below maxmemory before the incident and at it once full', () => {
    const early = sh(run.at(120), `redis-cli -h ${queue.id} INFO memory`);
    expect(early.split('\n')[0]).toBe('# Memory');
    expect(field(early, 'maxmemory')).toBe(maxBytes);
    expect(early).toMatch(/^maxmemory_policy:noeviction$/m);
    expect(field(early, 'used_memory')).toBeLessThan(maxBytes * 0.5);
    const full = sh(run.at(1600), `redis-cli -h ${queue.id} INFO memory`);
    expect(field(full, 'used_memory')).toBeGreaterThan(maxBytes * 0.95);
    expect(field(full, 'used_memory')).toBeLessThanOrEqual(maxBytes * 1.01);
    expect(full).toMatch(/^used_memory_human:\d+\.\d\dM$/m);
  });

  it('LLEN of the queue key is the backlog the engine holds; other keys are empty', () => {
    const ctx = run.at(1600);
    const depth = Math.round(ctx.metric('queue_depth', queue.id));
    expect(depth).toBeGreaterThan(1000);
    expect(sh(ctx, `redis-cli -h ${queue.id} LLEN ${queue.id}`)).toBe(`(integer) ${depth}`);
    expect(sh(ctx, `redis-cli -h ${queue.id} LLEN other`)).toBe('(integer) 0');
  });

  it('INFO clients and stats carry the consumers and the rejected writes', () => {
    const ctx = run.at(1600);
    const clients = sh(ctx, `redis-cli -h ${queue.id} INFO clients`);
    expect(field(clients, 'connected_clients')).toBeGreaterThan(0);
    expect(field(clients, 'blocked_clients')).toBe(0); // the list is never empty now
    const stats = sh(ctx, `redis-cli -h ${queue.id} INFO stats`);
    expect(field(stats, 'instantaneous_ops_per_sec')).toBeGreaterThan(0);
    expect(field(stats, 'total_error_replies')).toBeGreaterThan(0);
  });

  it('answers like redis-cli when the host or command is wrong, and refuses writes', () => {
    const ctx = run.at(1600);
    expect(runShellCommand('redis-cli INFO', ctx)).toEqual({
      output: 'Could not connect to Redis at 127.0.0.1:6379: Connection refused',
      exitCode: 1,
    });
    expect(sh(ctx, `redis-cli -h ${queue.id} FOO bar`)).toBe(
      "(error) ERR unknown command 'FOO', with args beginning with: 'bar'",
    );
    expect(sh(ctx, `redis-cli -h ${queue.id} CONFIG SET maxmemory 1gb`)).toMatch(/Ctrl\+K/);
    expect(sh(ctx, `redis-cli -h ${queue.id} CONFIG GET maxmemory`)).toBe(`1) "maxmemory"\n2) "${maxBytes}"`);
    expect(sh(ctx, '-h')).toBe('bash: -h: command not found');
  });
});
