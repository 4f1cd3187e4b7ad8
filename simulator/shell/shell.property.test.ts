/**
 * Property: any command line from the shell's grammar (known commands, flags, the scenario's
 * node and pod names, junk) in every built-in at a few times answers without throwing, and its
 * output never shows NaN, undefined or Infinity.
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { completeShell } from './complete';
import type { ShellContext } from './context';
import { runShellCommand } from './run';
import { shellRun } from './testing';
import { allPods } from './workloads';

const dir = new URL('../../scenarios/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'scenario.schema.json');

const BAD = /NaN|undefined|Infinity/;

const VERBS = [
  'kubectl get',
  'kubectl describe',
  'kubectl top',
  'kubectl logs',
  'kubectl rollout history',
  'kubectl rollout status',
  'kubectl rollout undo',
  'kubectl scale',
  'kubectl',
  'redis-cli',
  'redis-cli -h',
  'psql -c',
  'psql -h',
  'dig',
  'dig +search +showsearch',
  'nslookup',
  'curl -s -o /dev/null -w "%{http_code} %{time_total}\\n"',
  'curl -m 1',
  'curl',
  'help',
  'clear',
  'cat',
  'k get',
];
const WORDS = [
  'pods',
  'pod',
  'po',
  'deploy',
  'deployment',
  'hpa',
  'events',
  'nodes',
  'svc',
  '-n',
  'kube-system',
  'default',
  '-A',
  '-o',
  'wide',
  'yaml',
  '--previous',
  '-p',
  '--tail',
  '5',
  '-1',
  'abc',
  '--tail=2',
  '-owide',
  '--bogus',
  'INFO',
  'memory',
  'clients',
  'stats',
  'LLEN',
  'CONFIG',
  'GET',
  'SET',
  'maxmemory',
  'PING',
  'DBSIZE',
  '"select state, count(*) from pg_stat_activity group by state"',
  '"select count(*) from pg_stat_activity"',
  '"select * from pg_stat_activity limit 3"',
  `"select pid, now() - query_start from pg_stat_activity where now() - query_start > interval '5 minutes'"`,
  '"select query, calls from pg_stat_statements order by total_exec_time desc limit 2"',
  '"drop table x"',
  '"select"',
  '/etc/resolv.conf',
  '+short',
  'A',
  'AAAA',
  "'unterminated",
  '"',
  '|',
  'history',
  'status',
  'undo',
  '',
];

interface Case {
  readonly ctx: ShellContext;
  readonly names: readonly string[];
}

function cases(): Case[] {
  const out: Case[] = [];
  for (const file of files) {
    const text = readFileSync(new URL(file, dir), 'utf8');
    for (const share of [0.02, 0.45]) {
      const run = shellRun(text, file);
      const ctx = run.at(Math.round(run.sim.scenario.duration * share));
      const ids = ctx.scenario.nodes.map((n) => n.id);
      const pods = allPods(ctx).map((p) => p.name);
      const names = [
        ...ids,
        ...ids.map((i) => `deploy/${i}`),
        ...ids.map((i) => `http://${i}/`),
        ...pods.slice(0, 6),
      ];
      out.push({ ctx, names });
    }
  }
  return out;
}

describe('the shell never fails a random command line', () => {
  const all = cases();

  it('answers every line of the grammar in every built-in without a throw, NaN, undefined or Infinity', () => {
    const line = (names: readonly string[]) =>
      fc
        .tuple(
          fc.constantFrom(...VERBS),
          fc.array(
            fc.oneof(fc.constantFrom(...WORDS), fc.constantFrom(...names), fc.string({ maxLength: 8 })),
            { maxLength: 5 },
          ),
        )
        .map(([verb, rest]) => [verb, ...rest].join(' '));
    const arbitrary = fc
      .integer({ min: 0, max: all.length - 1 })
      .chain((i) => fc.tuple(fc.constant(i), line(all[i]?.names ?? [])));
    fc.assert(
      fc.property(arbitrary, ([i, text]) => {
        const { ctx } = all[i] as Case;
        const result = runShellCommand(text, ctx);
        expect(typeof result.output).toBe('string');
        expect(Number.isInteger(result.exitCode)).toBe(true);
        expect(result.output).not.toMatch(/internal error/);
        if (!BAD.test(text)) expect(result.output).not.toMatch(BAD);
        for (const c of completeShell(text, ctx)) expect(c).not.toMatch(BAD);
      }),
      { numRuns: 1500, seed: 13 },
    );
  });

  it('answers the documented commands in every built-in with exit code 0 for the right kinds', () => {
    for (const { ctx } of all) {
      for (const command of [
        'kubectl get pods -A',
        'kubectl get deploy -A -o wide',
        'kubectl get events -A',
        'kubectl top pods -A',
        'kubectl top nodes',
        'help',
      ]) {
        const r = runShellCommand(command, ctx);
        expect(r.exitCode, `${ctx.scenario.id}: ${command}\n${r.output}`).toBe(0);
        expect(r.output).not.toMatch(BAD);
      }
      for (const n of ctx.scenario.nodes) {
        const commands =
          n.kind === 'service' || n.kind === 'dns'
            ? [
                `kubectl describe deploy ${n.id} -A`,
                `kubectl describe pod ${n.id} -A`,
                `kubectl rollout history deploy/${n.id}`,
              ]
            : n.kind === 'cache' || n.kind === 'queue'
              ? [`redis-cli -h ${n.id} INFO`, `redis-cli -h ${n.id} LLEN ${n.id}`]
              : n.kind === 'database'
                ? [
                    `psql -h ${n.id} -c "select state, count(*) from pg_stat_activity group by state"`,
                    `psql -h ${n.id} -c "select query, calls, total_exec_time from pg_stat_statements order by total_exec_time desc"`,
                  ]
                : [];
        for (const command of commands) {
          const r = runShellCommand(command, ctx);
          expect(r.exitCode, `${ctx.scenario.id}: ${command}\n${r.output}`).toBe(0);
          expect(r.output).not.toMatch(BAD);
        }
      }
    }
  });
});
