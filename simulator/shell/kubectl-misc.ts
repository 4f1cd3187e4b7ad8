/** `kubectl top pods|nodes`, `kubectl logs POD [--previous] [--tail N]`, `kubectl rollout history`. */
import { fail, finite, ok, type ShellContext, type ShellResult } from './context';
import { hash32, table, wallClock } from './format';
import type { KubectlArgs } from './kubectl-args';
import { notFound, splitTypeName } from './kubectl-resources';
import { mutatingCommand } from './mutating';
import { allPods, clusterNodes, eventsOf, podsOf, workloadById, type Pod } from './workloads';

/** CPU (cores) and memory (MB) one running pod uses now, from its node's metrics. */
export function podUsage(ctx: ShellContext, p: Pod): { cpu: number; memoryMb: number } {
  const w = p.workload;
  const limit = w.kind === 'service' ? w.cpuLimit : 1;
  const cpu = finite(ctx.metric('cpu_utilization', w.id)) * limit;
  // Services record memory per replica; DNS records the total.
  const memory = finite(ctx.metric('memory_mb', w.id));
  const ready = Math.max(1, podsOf(ctx, w).filter((x) => x.ready).length);
  // A little spread between replicas, stable per pod, so the table looks like a real one.
  const jitter = 0.94 + (hash32(p.name) % 13) / 100;
  return {
    cpu: Math.max(0.001, cpu * jitter),
    memoryMb: Math.max(1, (w.kind === 'dns' ? memory / ready : memory) * jitter),
  };
}

export function kubectlTop(ctx: ShellContext, args: KubectlArgs): ShellResult {
  const what = args.positional[0];
  if (what === 'pod' || what === 'pods' || what === 'po') {
    const ns = args.allNamespaces ? undefined : (args.namespace ?? 'default');
    const names = args.positional.slice(1);
    const pods = allPods(ctx, ns).filter((p) => names.length === 0 || names.includes(p.name));
    if (pods.length === 0) {
      return names.length > 0
        ? fail(
            `Error from server (NotFound): podmetrics.metrics.k8s.io "${ns ?? 'default'}/${names[0]}" not found`,
          )
        : ok(`No resources found in ${ns ?? 'any'} namespace.`);
    }
    const header = ['NAME', 'CPU(cores)', 'MEMORY(bytes)'];
    if (ns === undefined) header.unshift('NAMESPACE');
    return ok(
      table(
        header,
        pods.map((p) => {
          const u = podUsage(ctx, p);
          const row = [p.name, `${Math.round(u.cpu * 1000)}m`, `${Math.round(u.memoryMb)}Mi`];
          if (ns === undefined) row.unshift(p.namespace);
          return row;
        }),
      ),
    );
  }
  if (what === 'node' || what === 'nodes' || what === 'no') {
    const hosts = clusterNodes(ctx);
    const usage = new Map(hosts.map((h) => [h, { cpu: 0.15, mem: 900 }]));
    for (const p of allPods(ctx)) {
      const u = usage.get(p.host);
      if (!u) continue;
      const pu = podUsage(ctx, p);
      u.cpu += pu.cpu;
      u.mem += pu.memoryMb;
    }
    return ok(
      table(
        ['NAME', 'CPU(cores)', 'CPU(%)', 'MEMORY(bytes)', 'MEMORY(%)'],
        hosts.map((h) => {
          const u = usage.get(h) ?? { cpu: 0, mem: 0 };
          return [
            h,
            `${Math.round(u.cpu * 1000)}m`,
            `${Math.round((u.cpu / 8) * 100)}%`,
            `${Math.round(u.mem)}Mi`,
            `${Math.round((u.mem / 31_000) * 100)}%`,
          ];
        }),
      ),
    );
  }
  if (what === undefined)
    return fail(
      "error: you must specify a resource: node or pod\nSee 'kubectl top -h' for help and examples",
    );
  return fail(
    `error: unknown command "${what}" for "kubectl top"\n\nDid you mean this?\n\tpod\n\tnode\nSee 'kubectl top -h' for help and examples`,
  );
}

function logLine(ctx: ShellContext, line: ShellContext['logs'][number], dns: boolean): string {
  if (dns) return line.message;
  const ts = wallClock(line.t).toISOString();
  return `${ts} ${line.level.toUpperCase().padEnd(5)} [${line.requestId ?? '-'}] ${line.message}`;
}

export function kubectlLogs(ctx: ShellContext, args: KubectlArgs): ShellResult {
  const target = args.positional[0];
  if (target === undefined)
    return fail(
      "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples",
    );
  const [type, name] = splitTypeName(target);
  let pod: Pod | undefined;
  const header: string[] = [];
  if (name !== undefined) {
    if (!['deploy', 'deployment', 'deployments', 'pod', 'pods', 'po'].includes(type))
      return fail(`error: the server doesn't have a resource type "${type}"`);
    if (type.startsWith('deploy')) {
      const w = workloadById(ctx, name);
      if (!w) return fail(notFound('deployments', name));
      const pods = podsOf(ctx, w);
      pod = pods[0];
      if (!pod) return fail(`error: timed out waiting for the condition`);
      if (pods.length > 1) header.push(`Found ${pods.length} pods, using pod/${pod.name}`);
    } else {
      pod = allPods(ctx).find((p) => p.name === name);
      if (!pod) return fail(notFound('pods', name));
    }
  } else {
    const ns = args.allNamespaces ? undefined : (args.namespace ?? 'default');
    pod = allPods(ctx, ns).find((p) => p.name === target);
    if (!pod) return fail(notFound('pods', target));
  }
  const w = pod.workload;
  const replicas = Math.max(1, podsOf(ctx, w).length);
  if (args.previous && pod.lastRestartAt === undefined) {
    return fail(
      `Error from server (BadRequest): previous terminated container "${w.kind === 'dns' ? 'coredns' : 'app'}" in pod "${pod.name}" not found`,
    );
  }
  // The engine logs per node; a line belongs to one replica, picked by its request id.
  const mine = ctx.logs.filter(
    (l) =>
      l.node === w.id && hash32(l.requestId ?? String(l.t)) % replicas === pod.index && l.t >= pod.createdAt,
  );
  const since = pod.lastRestartAt ?? -Infinity;
  let lines = args.previous ? mine.filter((l) => l.t < since) : mine.filter((l) => l.t >= since);
  if (args.tail !== undefined && args.tail >= 0) lines = args.tail === 0 ? [] : lines.slice(-args.tail);
  const body = lines.map((l) => logLine(ctx, l, w.kind === 'dns'));
  if (args.previous && pod.lastReason === 'OOMKilled') body.push('Killed');
  return ok([...header, ...body].join('\n'));
}

/** Revisions of a deployment from its visible deploy and rollback events. */
function revisions(ctx: ShellContext, id: string, initial: string): { version: string; cause: string }[] {
  const list = [{ version: initial, cause: '<none>' }];
  for (const e of eventsOf(ctx, id, 'deploy')) {
    const m = /(?:Deployed \S+|Rolled back \S+ to) (\S+) \(was ([^)]+)\)/.exec(e.text);
    const version = m?.[1] ?? `rev${list.length + 1}`;
    const rollback = e.text.startsWith('Rolled back');
    const existing = list.findIndex((r) => r.version === version);
    // A rollback re-applies an old template: Kubernetes moves that revision to the top.
    if (rollback && existing >= 0) {
      const [r] = list.splice(existing, 1);
      if (r) list.push(r);
    } else {
      list.push({
        version,
        cause: `kubectl set image deployment/${id} app=${`registry.internal/${id}:${version}`}`,
      });
    }
  }
  return list;
}

export function kubectlRollout(ctx: ShellContext, args: KubectlArgs, line: string): ShellResult {
  const [action, target] = args.positional;
  if (action === 'history' || action === 'status') {
    if (target === undefined)
      return fail(
        `error: required resource not specified\nSee 'kubectl rollout ${action} -h' for help and examples`,
      );
    const [type, nameFromSlash] = splitTypeName(target);
    const name = nameFromSlash ?? args.positional[2];
    if (!['deploy', 'deployment', 'deployments', 'deployment.apps'].includes(type))
      return fail(`error: no ${action} viewer has been implemented for "${type}"`);
    if (name === undefined) return fail(`error: required resource name not specified`);
    const w = workloadById(ctx, name);
    if (!w) return fail(notFound('deployments', name));
    const initial = w.kind === 'service' ? w.version : '1.11.1';
    const revs = revisions(ctx, w.id, initial);
    if (action === 'status') {
      const pods = podsOf(ctx, w);
      const ready = pods.filter((p) => p.ready).length;
      return ready >= pods.length
        ? ok(`deployment "${w.id}" successfully rolled out`)
        : ok(
            `Waiting for deployment "${w.id}" rollout to finish: ${ready} of ${pods.length} updated replicas are available...`,
          );
    }
    const rows = revs.map((r, i) => [String(i + 1), r.cause]);
    return ok(`deployment.apps/${w.id}\n${table(['REVISION', 'CHANGE-CAUSE'], rows)}`);
  }
  if (action === 'undo' || action === 'restart' || action === 'pause' || action === 'resume')
    return mutatingCommand(line);
  return fail(
    `error: unknown command "${action ?? ''}" for "kubectl rollout"\nSee 'kubectl rollout -h' for help and examples`,
  );
}
