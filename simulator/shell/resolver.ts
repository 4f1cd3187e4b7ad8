/**
 * The pod's resolver: /etc/resolv.conf as Kubernetes writes it (search list, ndots) and the
 * cluster's records, shared by dig, nslookup and curl. A short name (fewer dots than ndots) tries
 * every search domain before itself: with ndots:5 an external name costs four queries per
 * record type, which is the amplification the scenarios' `ndots` models.
 */
import { finite, nodesOfKind, type ShellContext } from './context';
import { address } from './format';

export const SEARCH = ['default.svc.cluster.local', 'svc.cluster.local', 'cluster.local'];
export const NAMESERVER = '10.96.0.10';

export function ndotsOf(ctx: ShellContext): number {
  return nodesOfKind(ctx, 'dns')[0]?.ndots ?? 5;
}

export function resolvConf(ctx: ShellContext): string {
  return `search ${SEARCH.join(' ')}\nnameserver ${NAMESERVER}\noptions ndots:${ndotsOf(ctx)}`;
}

/** The names the resolver tries, in order, for `name` (without a trailing dot). */
export function candidates(ctx: ShellContext, name: string): string[] {
  if (name.endsWith('.')) return [name.slice(0, -1)];
  const dots = name.split('.').length - 1;
  const searched = SEARCH.map((d) => `${name}.${d}`);
  return dots >= ndotsOf(ctx) ? [name, ...searched] : [...searched, name];
}

/** The A record of a fully qualified name (no trailing dot), or undefined (NXDOMAIN). */
export function lookup(ctx: ShellContext, fqdn: string): { ip: string; node: string } | undefined {
  const name = fqdn.toLowerCase();
  for (const n of ctx.scenario.nodes) {
    if (n.kind === 'client') continue;
    if (n.kind === 'external') {
      if (name === n.id.toLowerCase()) return { ip: address('203.0.113', n.id), node: n.id };
      continue;
    }
    const ns = n.kind === 'dns' ? 'kube-system' : 'default';
    if (name === `${n.id}.${ns}.svc.cluster.local`.toLowerCase()) {
      return { ip: n.kind === 'dns' ? NAMESERVER : address('10.96', n.id), node: n.id };
    }
  }
  if (name === 'kube-dns.kube-system.svc.cluster.local') return { ip: NAMESERVER, node: 'kube-dns' };
  return undefined;
}

/** The cluster resolver's health now: does it answer, and how long does a query take. */
export function resolverHealth(ctx: ShellContext): { answers: boolean; queryMs: number } {
  const dns = nodesOfKind(ctx, 'dns')[0];
  if (!dns) return { answers: true, queryMs: 1 };
  const failure = finite(ctx.metric('dns_failure_ratio', dns.id));
  const ready = finite(ctx.liveNodes.find((n) => n.id === dns.id)?.ready ?? 1, 1);
  const latency = finite(ctx.metric('latency_mean', dns.id), 0.001);
  return { answers: failure < 0.5 && ready > 0, queryMs: Math.max(0, Math.round(latency * 1000)) };
}

export type Resolution =
  | {
      readonly kind: 'answer';
      readonly name: string;
      readonly ip: string;
      readonly node: string;
      readonly tried: readonly string[];
    }
  | { readonly kind: 'nxdomain'; readonly tried: readonly string[] }
  | { readonly kind: 'timeout'; readonly tried: readonly string[] };

/** getaddrinfo's walk through the search list. */
export function resolve(ctx: ShellContext, name: string): Resolution {
  if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) return { kind: 'answer', name, ip: name, node: '', tried: [] };
  const health = resolverHealth(ctx);
  const tried: string[] = [];
  for (const c of candidates(ctx, name)) {
    tried.push(c);
    if (!health.answers) return { kind: 'timeout', tried };
    const hit = lookup(ctx, c);
    if (hit) return { kind: 'answer', name: c, ip: hit.ip, node: hit.node, tried };
  }
  return { kind: 'nxdomain', tried };
}
