/**
 * The actions on a traffic router (ACTION_CATALOG: set-route-weight, drain-region) with Route 53's
 * delays: the change is answered once INSYNC (the action's delay), then clients follow over the
 * TTL (routing.ts). action-effects.ts has checked the target's kind and the parameters; here a call
 * without a weight, or a region the router sends nothing to, is refused.
 */
import type { ActionResult } from './api';
import type { ActionHost } from './action-effects';

export type RouteActionType = 'set-route-weight' | 'drain-region';

export interface RouteActionContext {
  /** The router (node index). */
  readonly node: number;
  /** The call, for set-route-weight (-1 otherwise). */
  readonly edge: number;
  readonly target: string;
  readonly params: Readonly<Record<string, number | string | boolean>>;
  /** When the action takes effect (now + its delay). */
  readonly at: number;
  readonly delay: number;
  readonly say: (message: string, effectiveAt: number) => ActionResult;
}

const fmt = (s: number) => (s >= 60 && s % 60 === 0 ? `${s / 60} min` : `${Math.round(s * 10) / 10} s`);

export function applyRouteAction(
  host: ActionHost,
  type: RouteActionType,
  c: RouteActionContext,
): ActionResult {
  const { model, emit } = host;
  const rm = model.routing;
  const { target, params, at, delay, say } = c;
  const inDelay = delay > 0 ? ` in ${fmt(delay)}` : '';
  if (type === 'set-route-weight') {
    const x = rm.slotOfEdge[c.edge]!;
    if (x < 0)
      return {
        ok: false,
        message: `${target} is not a weighted route: only a loadbalancer's calls with a weight are records a weight change applies to.`,
      };
    const weight = Math.round(params.weight as number);
    const router = model.from[c.edge]!;
    const r = routerSlot(host, router);
    host.schedule(at, router, `weight of ${target} set to ${weight}`, () => {
      rm.weight[x] = weight;
      emit('action-effective', router, `${target}: weight ${weight} is INSYNC`, false);
    });
    return say(
      `Setting the weight of ${target} from ${rm.weight[x]} to ${weight}${inDelay} (Route 53 change INSYNC)${follow(host, r)}.`,
      at + ttlSeconds(host, r),
    );
  }
  const region = String(params.region);
  const code = rm.regions.indexOf(region);
  const r = routerSlot(host, c.node);
  if (r < 0)
    return {
      ok: false,
      message: `${target} splits no traffic by weight (none of its calls has a weight), so there is no region to drain.`,
    };
  const slots: number[] = [];
  for (let x = rm.edgeStart[r]!; x < rm.edgeStart[r + 1]!; x++)
    if (code >= 0 && rm.region[model.to[rm.edges[x]!]!] === code) slots.push(x);
  if (slots.length === 0) {
    const known = routerRegions(host, r);
    return {
      ok: false,
      message: `${target} sends no traffic to a target in region "${region}"${known.length ? ` (its targets are in ${known.join(', ')})` : ''}.`,
    };
  }
  const names = slots.map((x) => model.ids[model.to[rm.edges[x]!]!]!).join(', ');
  host.schedule(at, c.node, `${region} drained on ${target}`, () => {
    for (const x of slots) rm.weight[x] = 0;
    emit('action-effective', c.node, `${target}: ${region} drained (weight 0 on ${names}), INSYNC`, false);
  });
  return say(
    `Draining ${region} on ${target}${inDelay}: weight 0 on ${names}, so the other regions take their traffic${follow(host, r)}.`,
    at + ttlSeconds(host, r),
  );
}

function routerSlot(host: ActionHost, node: number): number {
  const rm = host.model.routing;
  for (let r = 0; r < rm.count; r++) if (rm.router[r] === node) return r;
  return -1;
}

function ttlSeconds(host: ActionHost, r: number): number {
  const ticks = host.model.routing.ttlTicks[r]!;
  return ticks > 1 ? ticks * host.tickSeconds : 0;
}

function follow(host: ActionHost, r: number): string {
  const ttl = ttlSeconds(host, r);
  return ttl > 0 ? `; clients follow over the ${fmt(ttl)} TTL as their cached answers expire` : '';
}

function routerRegions(host: ActionHost, r: number): string[] {
  const { routing: rm, to } = host.model;
  const out: string[] = [];
  for (let x = rm.edgeStart[r]!; x < rm.edgeStart[r + 1]!; x++) {
    const code = rm.region[to[rm.edges[x]!]!]!;
    const name = code >= 0 ? rm.regions[code]! : undefined;
    if (name !== undefined && !out.includes(name)) out.push(name);
  }
  return out;
}
