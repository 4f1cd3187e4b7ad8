/**
 * What a paged team's responder posts when they join the incident channel: what their own tools
 * show in their domain, read from the engine at that moment (the same read-only view the
 * investigation shell gets, so nothing hidden leaks). General, not scripted per scenario:
 *
 * - database: per database, connections in use / max_connections, slow queries, CPU, disk; per
 *   cache its hit ratio, CPU and memory; per queue its backlog and the age of the oldest message;
 * - network: load balancers and NAT gateways (connections / limit: port usage), DNS (queries,
 *   failures, resolvers), and the calls that fail;
 * - platform: per service, pods restarting or in CrashLoopBackOff, OOM kills, readiness failures,
 *   CPU throttling, and the HPA's state;
 * - vendor: each external dependency's error ratio and latency as the vendor measures it.
 */
import type { ShellContext } from '../shell/context';
import { autoscaled, hpaTarget } from '../shell/kubectl-resources';
import type { Team } from '../scenario/escalation';

/** The shell's read-only view, plus the per-call series (labelled {node: caller, to: callee}). */
export interface ReportContext extends ShellContext {
  edgeMetric(metric: string, from: string, to: string): number;
}

const pct = (ratio: number) => `${Math.round(ratio * 100)}%`;
const whole = (n: number) => Math.round(n).toLocaleString('en-US');
const finite = (n: number) => (Number.isFinite(n) ? n : 0);
const seconds = (s: number) =>
  s >= 1 ? `${(Math.round(s * 10) / 10).toLocaleString('en-US')} s` : `${Math.round(s * 1000)} ms`;

function nodesOf(ctx: ShellContext, ...kinds: string[]) {
  return ctx.scenario.nodes.filter((n) => kinds.includes(n.kind));
}

function database(ctx: ShellContext): string[] {
  const out: string[] = [];
  for (const n of nodesOf(ctx, 'database')) {
    const live = ctx.liveNodes.find((l) => l.id === n.id);
    const used = finite(ctx.metric('db_connections', n.id));
    const max = live?.maxConnections;
    const parts = [
      `${whole(used)}${max ? `/${whole(max)}` : ''} connections in use${max && used >= max - 0.5 ? ' (at max_connections)' : ''}`,
      `${whole(finite(ctx.metric('db_slow_queries', n.id)))} slow queries running`,
      `CPU ${pct(finite(ctx.metric('cpu_utilization', n.id)))}`,
    ];
    const size = ctx.metric('disk_size_mb', n.id);
    if (Number.isFinite(size) && size > 0)
      parts.push(`disk ${pct(1 - finite(ctx.metric('disk_avail_mb', n.id)) / size)} used`);
    out.push(`${n.id}: ${parts.join(', ')}`);
  }
  for (const n of nodesOf(ctx, 'cache')) {
    const live = ctx.liveNodes.find((l) => l.id === n.id);
    const mem = finite(ctx.metric('memory_mb', n.id));
    out.push(
      `${n.id}: hit ratio ${pct(finite(ctx.metric('cache_hit_ratio', n.id)))}, CPU ${pct(finite(ctx.metric('cpu_utilization', n.id)))}, memory ${whole(mem)}${live?.maxMemoryMb ? `/${whole(live.maxMemoryMb)}` : ''} MB`,
    );
  }
  for (const n of nodesOf(ctx, 'queue')) {
    out.push(
      `${n.id}: ${whole(finite(ctx.metric('queue_depth', n.id)))} messages waiting, the oldest ${seconds(finite(ctx.metric('queue_oldest_seconds', n.id)))}`,
    );
  }
  return out;
}

function network(ctx: ReportContext): string[] {
  const out: string[] = [];
  for (const n of nodesOf(ctx, 'loadbalancer')) {
    const live = ctx.liveNodes.find((l) => l.id === n.id);
    const used = finite(ctx.metric('inflight', n.id));
    const max = live?.maxConnections;
    out.push(
      `${n.id}: ${whole(used)}${max ? `/${whole(max)}` : ''} connections${max ? ` (port usage ${pct(used / max)})` : ''}, ${pct(finite(ctx.metric('error_ratio', n.id)))} of new connections failing`,
    );
  }
  for (const n of nodesOf(ctx, 'dns')) {
    const live = ctx.liveNodes.find((l) => l.id === n.id);
    out.push(
      `${n.id}: ${whole(finite(ctx.metric('dns_queries_rate', n.id)))} queries/s, ${pct(finite(ctx.metric('dns_failure_ratio', n.id)))} failing, ${live?.ready ?? '?'} resolvers ready`,
    );
  }
  const failing = ctx.scenario.edges
    .map((e) => ({ e, ratio: finite(ctx.edgeMetric('edge_error_ratio', e.from, e.to)) }))
    .filter((x) => x.ratio >= 0.01)
    .map((x) => `${x.e.from}->${x.e.to} ${pct(x.ratio)}`);
  out.push(
    failing.length
      ? `calls failing: ${failing.join(', ')}`
      : 'no call between services fails more than 1% at the network level',
  );
  return out;
}

function platform(ctx: ShellContext): string[] {
  const out: string[] = [];
  const hpas = autoscaled(ctx);
  for (const n of nodesOf(ctx, 'service')) {
    const live = ctx.liveNodes.find((l) => l.id === n.id);
    const oom = ctx.events.filter((e) => e.kind === 'oom-kill' && e.node === n.id).length;
    const notes: string[] = [];
    if ((live?.restarts ?? 0) > 0) notes.push(`${live!.restarts} restarts`);
    if ((live?.waitingBackoff ?? 0) > 0) notes.push(`${live!.waitingBackoff} pods in CrashLoopBackOff`);
    if (oom > 0) notes.push(`${oom} OOM kill${oom === 1 ? '' : 's'}`);
    if ((live?.unready ?? 0) > 0) notes.push(`${live!.unready} pods failing readiness (out of rotation)`);
    const throttled = finite(ctx.metric('cpu_throttled_ratio', n.id));
    if (throttled >= 0.05) notes.push(`CPU throttled ${pct(throttled)} of periods`);
    const hpa = hpas.find((w) => w.id === n.id);
    if (hpa)
      notes.push(
        `HPA ${hpaTarget(ctx, hpa).cell}, ${live?.replicas ?? '?'} replicas (min ${hpa.autoscaler.min}, max ${hpa.autoscaler.max})`,
      );
    if (notes.length)
      out.push(`${n.id} (${live?.ready ?? '?'}/${live?.replicas ?? '?'} ready): ${notes.join(', ')}`);
  }
  if (out.length === 0)
    out.push('every deployment is healthy: no restarts, no OOM kills, no throttling, pods ready');
  return out;
}

function vendor(ctx: ShellContext): string[] {
  return nodesOf(ctx, 'external').map((n) => {
    const live = ctx.liveNodes.find((l) => l.id === n.id);
    return `${n.id}: ${pct(finite(ctx.metric('error_ratio', n.id)))} of your requests failing, p99 ${seconds(finite(ctx.metric('latency_p99', n.id)))} on our side, ${whole(finite(ctx.metric('request_rate', n.id)))} requests/s from you${live?.rateLimit ? ` (your rate limit ${whole(live.rateLimit)}/s)` : ''}`;
  });
}

const READERS: Readonly<Record<Team, (ctx: ReportContext) => string[]>> = {
  database,
  network,
  platform,
  vendor,
};

const OPENING: Readonly<Record<Team, string>> = {
  database: 'Joined. From the database side right now:',
  network: 'Joined. From the network side right now:',
  platform: 'Joined. From the cluster side right now:',
  vendor: 'Hello, this is support. On our side for your account right now:',
};

/** The responder's first post: one line per component of its domain, true at this moment. */
export function responderReport(team: Team, ctx: ReportContext): string {
  const lines = READERS[team](ctx);
  if (lines.length === 0) return `${OPENING[team]} nothing of ours is in this system.`;
  return `${OPENING[team]}\n${lines.map((l) => `- ${l}`).join('\n')}`;
}
