/**
 * Tab completion: candidates for the word under the cursor (the line's last word), drawn from
 * the shell's grammar and the scenario's names (commands, subcommands, resource kinds, pods,
 * deployments, hosts, keys).
 */
import { nodesOfKind, type ShellContext } from './context';
import { KUBECTL_SUBCOMMANDS } from './kubectl';
import { autoscaled } from './kubectl-resources';
import { databases } from './psql';
import { redisNodes } from './redis-cli';
import { SHELL_COMMANDS } from './run';
import { allPods, workloads } from './workloads';

const KUBECTL_FLAGS: Readonly<Record<string, readonly string[]>> = {
  get: ['-n', '-A', '-o', '--namespace', '--all-namespaces'],
  describe: ['-n', '--namespace'],
  top: ['-n', '-A'],
  logs: ['--previous', '--tail', '-n'],
  rollout: [],
};

const QUERIES = [
  '"select state, count(*) from pg_stat_activity group by state"',
  '"select pid, now() - query_start as duration, state, query from pg_stat_activity where state = \'active\' order by duration desc"',
  '"select query, calls, total_exec_time, mean_exec_time from pg_stat_statements order by total_exec_time desc limit 5"',
];

function words(line: string): { done: string[]; current: string } {
  const parts = line.replace(/^\s+/, '').split(/\s+/);
  const current = parts.pop() ?? '';
  return { done: parts, current };
}

function kubectlCandidates(ctx: ShellContext, args: readonly string[], current: string): readonly string[] {
  const [sub, ...rest] = args;
  if (sub === undefined) return KUBECTL_SUBCOMMANDS;
  if (current.startsWith('-')) return KUBECTL_FLAGS[sub] ?? [];
  const last = rest.at(-1);
  if (last === '-n' || last === '--namespace') return ['default', 'kube-system'];
  if (last === '-o') return ['wide'];
  const positional = rest.filter(
    (w, i) => !w.startsWith('-') && !['-n', '--namespace', '-o', '--tail'].includes(rest[i - 1] ?? ''),
  );
  const deploys = workloads(ctx).map((w) => w.id);
  const pods = allPods(ctx).map((p) => p.name);
  if (sub === 'logs') return positional.length === 0 ? [...pods, ...deploys.map((d) => `deploy/${d}`)] : [];
  if (sub === 'rollout') {
    if (positional.length === 0) return ['history', 'status'];
    return positional.length === 1 ? deploys.map((d) => `deploy/${d}`) : [];
  }
  if (sub === 'top') return positional.length === 0 ? ['pods', 'nodes'] : [];
  if (sub !== 'get' && sub !== 'describe') return [];
  if (positional.length === 0) {
    return sub === 'get' ? ['pods', 'deploy', 'hpa', 'events', 'nodes'] : ['pod', 'deploy', 'hpa'];
  }
  const kind = positional[0] ?? '';
  if (/^po/.test(kind)) return pods;
  if (/^deploy/.test(kind)) return deploys;
  if (/^hpa|^horizontal/.test(kind)) return autoscaled(ctx).map((w) => w.id);
  return [];
}

function redisCandidates(ctx: ShellContext, args: readonly string[]): readonly string[] {
  const last = args.at(-1);
  if (last === '-h') return redisNodes(ctx).map((n) => n.id);
  const hostAt = args.indexOf('-h');
  const command = args.filter((w, i) => !w.startsWith('-') && args[i - 1] !== '-h' && args[i - 1] !== '-p');
  if (command.length === 0) return hostAt < 0 ? ['-h'] : ['INFO', 'LLEN', 'CONFIG', 'PING', 'DBSIZE'];
  const verb = (command[0] ?? '').toUpperCase();
  if (command.length === 1 && verb === 'INFO') return ['memory', 'clients', 'stats', 'server'];
  if (command.length === 1 && verb === 'LLEN') return nodesOfKind(ctx, 'queue').map((q) => q.id);
  if (command.length === 1 && verb === 'CONFIG') return ['GET'];
  if (command.length === 2 && verb === 'CONFIG') return ['maxmemory', 'maxmemory-policy'];
  return [];
}

/** Completions of the last word of `line` (whole words that start with it), sorted. */
export function completeShell(line: string, ctx: ShellContext): string[] {
  const { done, current } = words(line);
  const [command, ...args] = done;
  let pool: readonly string[];
  if (command === undefined) pool = SHELL_COMMANDS;
  else if (command === 'kubectl' || command === 'k') pool = kubectlCandidates(ctx, args, current);
  else if (command === 'redis-cli') pool = redisCandidates(ctx, args);
  else if (command === 'psql')
    pool =
      args.at(-1) === '-h' ? databases(ctx).map((d) => d.id) : args.at(-1) === '-c' ? QUERIES : ['-h', '-c'];
  else if (command === 'dig' || command === 'nslookup') {
    pool = [
      ...(command === 'dig' ? ['+search', '+showsearch', '+short'] : []),
      ...ctx.scenario.nodes.filter((n) => n.kind !== 'client').map((n) => n.id),
    ];
  } else if (command === 'curl') {
    pool = [
      '-s',
      '-o',
      '-w',
      '-m',
      ...ctx.scenario.nodes
        .filter((n) => ['service', 'loadbalancer', 'external'].includes(n.kind))
        .map((n) => `http://${n.id}/`),
    ];
  } else if (command === 'cat') pool = ['/etc/resolv.conf'];
  else pool = [];
  return [...new Set(pool.filter((c) => c.startsWith(current)))].sort();
}
