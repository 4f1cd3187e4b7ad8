import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runShellCommand } from './run';
import { sh, shellRun } from './testing';

const builtin = (id: string) => readFileSync(new URL(`../../scenarios/${id}.json`, import.meta.url), 'utf8');
const LONG = `psql -c "select pid, now() - query_start as duration, state, query from pg_stat_activity where state = 'active' and now() - query_start > interval '1 minute' order by duration desc"`;

function rows(out: string): string[][] {
  const lines = out.split('\n');
  return lines.slice(2, -1).map((l) => l.split('|').map((c) => c.trim()));
}

describe('psql in slow-queries-choke-db', () => {
  const run = shellRun(builtin('slow-queries-choke-db'));
  const fault = run.sim.scenario.faults.find((f) => f.type === 'slow-queries');
  const db = run.sim.scenario.nodes.find((n) => n.kind === 'database');
  if (!fault || db?.kind !== 'database') throw new Error('scenario changed');

  it('shows no long-running queries before the incident', () => {
    const out = sh(run.at(fault.at - 30), LONG);
    expect(out.split('\n').at(-1)).toBe('(0 rows)');
  });

  it('shows the long-running queries during it, with how long they have run', () => {
    const ctx = run.at(900);
    const out = sh(ctx, LONG);
    const found = rows(out);
    expect(found.length).toBe(Math.round(ctx.metric('db_slow_queries', db.id)));
    expect(found.length).toBeGreaterThanOrEqual(Number(fault.params.count ?? 1));
    for (const r of found) {
      const [h, m, s] = (r[1] ?? '').split(':').map(Number);
      const seconds = (h ?? 0) * 3600 + (m ?? 0) * 60 + (s ?? 0);
      expect(seconds).toBeGreaterThan(60);
      expect(seconds).toBeLessThanOrEqual(900 - fault.at + 10);
      expect(r[2]).toBe('active');
    }
    expect(out.split('\n')[1]).toMatch(/^-+\+-+\+-+\+-+$/);
  });

  it('counts connections by state against the live connection metric', () => {
    const ctx = run.at(900);
    const out = sh(ctx, 'psql -c "select state, count(*) from pg_stat_activity group by state"');
    const total = rows(out).reduce((sum, r) => sum + Number(r[1]), 0);
    expect(total).toBe(Math.round(ctx.metric('db_connections', db.id)));
    expect(sh(ctx, 'psql -c "select count(*) from pg_stat_activity"')).toContain(` ${total}\n(1 row)`);
  });

  it('pg_stat_statements lists the top queries by total time, largest first', () => {
    const out = sh(
      run.at(900),
      'psql -c "select query, calls, total_exec_time, mean_exec_time from pg_stat_statements order by total_exec_time desc limit 5"',
    );
    const totals = rows(out).map((r) => Number(r[2]));
    expect(totals.length).toBeGreaterThan(0);
    expect([...totals].sort((a, b) => b - a)).toEqual(totals);
  });

  it('answers other SQL with PostgreSQL errors and refuses changes', () => {
    const ctx = run.at(900);
    expect(runShellCommand('psql -c "select * from invoices"', ctx)).toEqual({
      output:
        'ERROR:  relation "invoices" does not exist\nLINE 1: select * from invoices\n                      ^',
      exitCode: 1,
    });
    expect(sh(ctx, 'psql -c "select pg_terminate_backend(pid) from pg_stat_activity"')).toMatch(/Ctrl\+K/);
    expect(sh(ctx, 'psql -h nowhere -c "select 1"')).toMatch(/could not translate host name "nowhere"/);
  });
});

describe('psql pg_replication_slots in replication-slot-fills-db-disk', () => {
  const run = shellRun(builtin('replication-slot-fills-db-disk'));
  const SLOTS = 'psql -h chat-db -c "select slot_name, active, retained_wal from pg_replication_slots"';

  it('lists the inactive slot and the WAL it retains, growing with the writes', () => {
    expect(sh(run.at(30), SLOTS).split('\n').at(-1)).toBe('(0 rows)');
    const early = rows(sh(run.at(120), SLOTS));
    expect(early).toEqual([['rds_bg_green_slot', 'logical', 'f', 'extended', '1016 GB']]);
    const later = rows(sh(run.at(400), SLOTS));
    expect(Number(later[0]![4]!.split(' ')[0])).toBeGreaterThanOrEqual(1017);
  });

  it('the slot is gone once dropped, and its WAL with the next checkpoint', () => {
    run.at(600);
    const r = run.sim.apply({
      type: 'drop-replication-slot',
      target: 'chat-db',
      params: { slot: 'rds_bg_green_slot' },
    });
    expect(r.ok, r.message).toBe(true);
    expect(sh(run.at(601), SLOTS).split('\n').at(-1)).toBe('(0 rows)');
    expect(sh(run.at(700), 'kubectl exec chat-db-0 -- df -h')).toMatch(/\/dev\/nvme1n1\s+2\.0T\s+1\.1T/);
  });
});
