/**
 * Alertmanager's route tree (prometheus.io/docs/alerting/latest/configuration/#route): an alert
 * enters at the root and descends into the first child route whose matchers all match, or into
 * every matching child up to and including the first without `continue`; a route none of whose
 * children match takes the alert itself. A child inherits its parent's receiver, group_by and
 * timers when it does not set them. Unset at the root, the timers take Alertmanager's defaults.
 */
import type { AlertRoute, ChildRoute, Receiver } from '../../scenario/schema';
import { DEFAULTS } from '../../scenario/defaults';
import { matcherMatches, parseMatcher, type RouteMatcher } from '../route';

/** Alertmanager's defaults for the root route (config.DefaultRouteOpts), seconds; the schema shows them. */
export const ROUTE_DEFAULTS = DEFAULTS.route;

export type Labels = Readonly<Record<string, string>>;

export interface RouteNode {
  /** The route's JSON path, e.g. `alerting.route.routes[1]`: part of its groups' keys. */
  readonly id: string;
  readonly receiver: Receiver;
  readonly matchers: readonly RouteMatcher[];
  /** The labels that split alerts into groups; 'all' for Alertmanager's `...`. */
  readonly groupBy: readonly string[] | 'all';
  readonly groupWait: number;
  readonly groupInterval: number;
  readonly repeatInterval: number;
  readonly continue: boolean;
  readonly routes: readonly RouteNode[];
}

/** Parses matcher texts; a bad one (the validator reports it with its path) matches nothing. */
export function compileMatchers(texts: readonly string[]): RouteMatcher[] {
  return texts.map((text) => {
    const parsed = parseMatcher(text);
    return parsed.ok ? parsed.matcher : { label: '__invalid__', op: '=', value: '\u0000' };
  });
}

export function allMatch(matchers: readonly RouteMatcher[], labels: Labels): boolean {
  for (const m of matchers) if (!matcherMatches(m, labels)) return false;
  return true;
}

function compileNode(
  route: AlertRoute | ChildRoute,
  id: string,
  parent: Omit<RouteNode, 'id' | 'matchers' | 'continue' | 'routes'>,
  children: readonly ChildRoute[],
): RouteNode {
  const node: Omit<RouteNode, 'id' | 'matchers' | 'continue' | 'routes'> = {
    receiver: route.receiver ?? parent.receiver,
    groupBy: route.group_by ? (route.group_by.includes('...') ? 'all' : route.group_by) : parent.groupBy,
    groupWait: route.group_wait ?? parent.groupWait,
    groupInterval: route.group_interval ?? parent.groupInterval,
    repeatInterval: route.repeat_interval ?? parent.repeatInterval,
  };
  return {
    ...node,
    id,
    matchers: compileMatchers(route.matchers),
    continue: 'continue' in route ? (route.continue ?? false) : false,
    routes: children.map((child, i) => compileNode(child, `${id}.routes[${i}]`, node, [])),
  };
}

export function compileRoute(route: AlertRoute): RouteNode {
  return compileNode(
    route,
    'alerting.route',
    { receiver: route.receiver, groupBy: [], ...ROUTE_DEFAULTS },
    route.routes,
  );
}

function matchNode(node: RouteNode, labels: Labels, out: RouteNode[]): boolean {
  if (!allMatch(node.matchers, labels)) return false;
  const before = out.length;
  for (const child of node.routes) {
    if (matchNode(child, labels, out) && !child.continue) break;
  }
  if (out.length === before) out.push(node);
  return true;
}

/**
 * The routes an alert with these labels notifies through (Route.Match). The root takes every
 * alert, as Alertmanager requires of it, so its own matchers are not applied.
 */
export function matchRoutes(root: RouteNode, labels: Labels): RouteNode[] {
  const out: RouteNode[] = [];
  for (const child of root.routes) {
    if (matchNode(child, labels, out) && !child.continue) break;
  }
  if (out.length === 0) out.push(root);
  return out;
}

/** The group labels of an alert on a route: its values of the route's group_by labels it has. */
export function groupLabels(route: RouteNode, labels: Labels): Labels {
  if (route.groupBy === 'all') return labels;
  const out: Record<string, string> = {};
  for (const name of route.groupBy)
    if (labels[name] !== undefined && labels[name] !== '') out[name] = labels[name];
  return out;
}

/** `{alertname="X", service="api"}`, names sorted: how Alertmanager prints a label set. */
export function formatLabels(labels: Labels): string {
  const names = Object.keys(labels).sort();
  return `{${names.map((n) => `${n}=${JSON.stringify(labels[n])}`).join(', ')}}`;
}

const compiled = new WeakMap<AlertRoute, RouteNode>();

/**
 * The receiver an alert with these labels reaches: "page" when any route it matches pages (with
 * `continue` it can notify several), else the first route's receiver.
 */
export function receiverFor(route: AlertRoute, labels: Labels): Receiver {
  let root = compiled.get(route);
  if (!root) compiled.set(route, (root = compileRoute(route)));
  const routes = matchRoutes(root, labels);
  return routes.some((r) => r.receiver === 'page') ? 'page' : routes[0]!.receiver;
}
