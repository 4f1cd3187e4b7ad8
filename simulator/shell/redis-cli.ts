/**
 * redis-cli against the scenario's caches and queues (Redis): INFO memory|clients|stats,
 * LLEN, CONFIG GET, PING, DBSIZE. A queue's backlog is the list named after the queue node.
 */
import { fail, finite, nodesOfKind, ok, type ShellContext, type ShellResult } from './context';
import { whole } from './format';
import { mutatingCommand } from './mutating';

type RedisNode = ReturnType<typeof redisNodes>[number];

export const redisNodes = (ctx: ShellContext) => nodesOfKind(ctx, 'cache', 'queue');

/** Redis commands that write: the action palette's job. */
const WRITES = new Set([
  'SET',
  'DEL',
  'LPUSH',
  'RPUSH',
  'LPOP',
  'RPOP',
  'BRPOP',
  'BLPOP',
  'LTRIM',
  'FLUSHALL',
  'FLUSHDB',
  'EXPIRE',
  'INCR',
  'DECR',
  'HSET',
  'SADD',
  'ZADD',
  'SHUTDOWN',
  'UNLINK',
  'RENAME',
  'EVAL',
]);

const MB = 1024 * 1024;

/** Redis's human-readable bytes: 256.00M, 1.50G. */
function human(bytes: number): string {
  const b = Math.max(0, finite(bytes));
  if (b >= 1024 * MB) return `${(b / 1024 / MB).toFixed(2)}G`;
  if (b >= MB) return `${(b / MB).toFixed(2)}M`;
  if (b >= 1024) return `${(b / 1024).toFixed(2)}K`;
  return `${Math.round(b)}B`;
}

function usedMb(ctx: ShellContext, n: RedisNode): number {
  const total = ctx.metric('memory_mb', n.id);
  if (Number.isFinite(total)) return total;
  return n.kind === 'queue' ? 1 + finite(ctx.metric('queue_memory_mb', n.id)) : n.usedMemoryMb;
}

function peakMb(ctx: ShellContext, n: RedisNode): number {
  const h = ctx.history('memory_mb', n.id);
  let peak = usedMb(ctx, n);
  for (let i = 0; i < h.values.length; i++) peak = Math.max(peak, finite(h.values[i] ?? 0));
  return peak;
}

/** Connections: one per caller replica's pool, plus a blocking BRPOP per consumer thread. */
function clients(ctx: ShellContext, n: RedisNode): { connected: number; blocked: number } {
  let connected = 1;
  for (const e of ctx.scenario.edges) {
    if (e.to !== n.id) continue;
    const live = ctx.liveNodes.find((x) => x.id === e.from);
    connected += Math.max(1, finite(live?.ready ?? 1)) * (e.pool ?? 4);
  }
  let blocked = 0;
  if (n.kind === 'queue') {
    const depth = finite(ctx.metric('queue_depth', n.id));
    for (const c of n.consumers) {
      const live = ctx.liveNodes.find((x) => x.id === c);
      const threads = Math.max(0, finite(live?.ready ?? 0)) * finite(live?.threads ?? 1);
      connected += threads;
      // Consumers wait in BRPOP only while the list is empty.
      if (depth < 1) blocked += threads;
    }
  }
  return { connected: Math.round(connected), blocked: Math.round(blocked) };
}

function info(ctx: ShellContext, n: RedisNode, section: string): string {
  const used = usedMb(ctx, n) * MB;
  const max = n.maxMemoryMb * MB;
  const peak = peakMb(ctx, n) * MB;
  const rate = Math.max(0, finite(ctx.metric('request_rate', n.id)));
  const errors = rate * Math.max(0, finite(ctx.metric('error_ratio', n.id)));
  const t = Math.max(1, ctx.time);
  const c = clients(ctx, n);
  const hit = n.kind === 'cache' ? finite(ctx.metric('cache_hit_ratio', n.id), n.hitRatio) : 0;
  const evictions = n.kind === 'cache' ? finite(ctx.metric('cache_evictions_rate', n.id)) : 0;
  const sections: Record<string, string[]> = {
    server: [
      '# Server',
      'redis_version:7.2.5',
      'redis_mode:standalone',
      'os:Linux 6.1.0 x86_64',
      'tcp_port:6379',
      `uptime_in_seconds:${whole(t + 86400 * 12)}`,
      `uptime_in_days:${Math.floor((t + 86400 * 12) / 86400)}`,
    ],
    clients: [
      '# Clients',
      `connected_clients:${c.connected}`,
      'cluster_connections:0',
      'maxclients:10000',
      'client_recent_max_input_buffer:20480',
      'client_recent_max_output_buffer:0',
      `blocked_clients:${c.blocked}`,
      'tracking_clients:0',
      'pubsub_clients:0',
      'watching_clients:0',
      'clients_in_timeout_table:0',
    ],
    memory: [
      '# Memory',
      `used_memory:${whole(used)}`,
      `used_memory_human:${human(used)}`,
      `used_memory_rss:${whole(used * 1.08)}`,
      `used_memory_rss_human:${human(used * 1.08)}`,
      `used_memory_peak:${whole(peak)}`,
      `used_memory_peak_human:${human(peak)}`,
      `used_memory_peak_perc:${peak > 0 ? ((used / peak) * 100).toFixed(2) : '100.00'}%`,
      `maxmemory:${whole(max)}`,
      `maxmemory_human:${human(max)}`,
      `maxmemory_policy:${n.policy}`,
      'mem_fragmentation_ratio:1.08',
      'mem_allocator:jemalloc-5.3.0',
    ],
    stats: [
      '# Stats',
      `total_connections_received:${whole(c.connected + t / 60)}`,
      `total_commands_processed:${whole(rate * t)}`,
      `instantaneous_ops_per_sec:${whole(rate)}`,
      'rejected_connections:0',
      'expired_keys:0',
      `evicted_keys:${whole(evictions * t)}`,
      `keyspace_hits:${whole(rate * hit * t)}`,
      `keyspace_misses:${whole(rate * (n.kind === 'cache' ? 1 - hit : 0) * t)}`,
      `total_error_replies:${whole(errors * t)}`,
      `instantaneous_error_replies_per_sec:${whole(errors)}`,
    ],
  };
  const wanted =
    section === '' || section === 'all' || section === 'everything' || section === 'default'
      ? ['server', 'clients', 'memory', 'stats']
      : [section];
  return wanted
    .map((s) => sections[s])
    .filter((s): s is string[] => s !== undefined)
    .map((s) => s.join('\n'))
    .join('\n\n');
}

function configGet(n: RedisNode, pattern: string): string {
  const values: Record<string, string> = {
    maxmemory: whole(n.maxMemoryMb * MB),
    'maxmemory-policy': n.policy,
    maxclients: '10000',
    timeout: '0',
  };
  const re = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replaceAll('*', '.*')
      .replaceAll('?', '.')}$`,
    'i',
  );
  const hits = Object.entries(values).filter(([k]) => re.test(k));
  let i = 0;
  return hits.map(([k, v]) => `${++i}) "${k}"\n${++i}) "${v}"`).join('\n');
}

export function redisCli(ctx: ShellContext, words: readonly string[], line: string): ShellResult {
  let host: string | undefined;
  let i = 0;
  while (i < words.length && (words[i] as string).startsWith('-')) {
    const flag = words[i] as string;
    if (flag === '-h' || flag === '-p' || flag === '-n' || flag === '-a') {
      if (words[i + 1] === undefined) return fail(`Unrecognized option or bad number of args for: '${flag}'`);
      if (flag === '-h') host = words[i + 1];
      i += 2;
    } else if (flag === '--no-auth-warning' || flag === '--raw') {
      i++;
    } else {
      return fail(`Unrecognized option or bad number of args for: '${flag}'`);
    }
  }
  const target = host ?? '127.0.0.1';
  const node = redisNodes(ctx).find((n) => n.id === target || `${n.id}.default.svc.cluster.local` === target);
  if (!node) {
    const known = ctx.scenario.nodes.some((n) => n.id === target);
    return fail(
      known || host === undefined
        ? `Could not connect to Redis at ${target}:6379: Connection refused`
        : `Could not connect to Redis at ${target}:6379: Name or service not known`,
    );
  }
  const [cmdWord, ...args] = words.slice(i);
  if (cmdWord === undefined)
    return fail(
      `${target}:6379> (interactive mode is not available here: give the command, e.g. redis-cli -h ${node.id} INFO memory)`,
    );
  const cmd = cmdWord.toUpperCase();
  if (WRITES.has(cmd) || (cmd === 'CONFIG' && (args[0] ?? '').toUpperCase() === 'SET'))
    return mutatingCommand(line);
  switch (cmd) {
    case 'PING':
      return ok('PONG');
    case 'INFO':
      return ok(info(ctx, node, (args[0] ?? '').toLowerCase()));
    case 'LLEN': {
      if (args.length !== 1) return fail("(error) ERR wrong number of arguments for 'llen' command");
      const depth =
        node.kind === 'queue' && args[0] === node.id ? finite(ctx.metric('queue_depth', node.id)) : 0;
      return ok(`(integer) ${whole(depth)}`);
    }
    case 'DBSIZE': {
      const keys =
        node.kind === 'queue'
          ? finite(ctx.metric('queue_depth', node.id)) >= 1
            ? 1
            : 0
          : Math.round(usedMb(ctx, node) * 400);
      return ok(`(integer) ${keys}`);
    }
    case 'CONFIG':
      if ((args[0] ?? '').toUpperCase() === 'GET' && args[1] !== undefined)
        return ok(configGet(node, args[1]));
      return fail(
        `(error) ERR unknown subcommand or wrong number of arguments for '${args[0] ?? ''}'. Try CONFIG HELP.`,
      );
    default: {
      const first = args
        .slice(0, 1)
        .map((a) => `'${a}'`)
        .join(' ');
      return fail(`(error) ERR unknown command '${cmdWord}', with args beginning with: ${first}`);
    }
  }
}
