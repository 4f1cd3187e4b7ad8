/** `kubectl get pods|deploy|hpa|events|nodes [NAME] [-n NS | -A] [-o wide]`. */
import { fail, ok, type ShellContext, type ShellResult } from './context';
import { age, table } from './format';
import type { KubectlArgs } from './kubectl-args';
import {
  autoscaled,
  eventAge,
  hpaTarget,
  k8sEvents,
  noResources,
  notFound,
  resourceOf,
  splitTypeName,
  unknownResource,
  type Resource,
} from './kubectl-resources';
import {
  allPods,
  clusterNodes,
  DEPLOYMENTS_BORN_BEFORE,
  namespaceOf,
  replicasOf,
  versionOf,
  workloads,
  type Pod,
} from './workloads';

const IMAGE_REGISTRY = 'registry.internal';

export const imageOf = (id: string, version: string): string => `${IMAGE_REGISTRY}/${id}:${version}`;

export function restartsCell(ctx: ShellContext, pod: Pod): string {
  return pod.restarts > 0 && pod.lastRestartAt !== undefined
    ? `${pod.restarts} (${age(ctx.time - pod.lastRestartAt)} ago)`
    : String(pod.restarts);
}

export function kubectlGet(ctx: ShellContext, args: KubectlArgs): ShellResult {
  const [first, ...rest] = args.positional;
  if (first === undefined) {
    return fail(
      'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee \'kubectl get -h\' for help and examples',
    );
  }
  const [typeWord, slashName] = splitTypeName(first);
  const resource = resourceOf(typeWord);
  if (!resource) return fail(unknownResource(typeWord));
  const names = slashName !== undefined ? [slashName, ...rest] : rest;
  if (args.output !== undefined && args.output !== 'wide') {
    return fail(
      `error: unable to match a printer suitable for the output format "${args.output}", allowed formats are: wide (this console prints tables only)`,
    );
  }
  const ns = args.allNamespaces ? undefined : (args.namespace ?? 'default');
  const wide = args.output === 'wide';
  switch (resource) {
    case 'pods':
      return getPods(ctx, ns, names, wide);
    case 'deployments':
      return getDeployments(ctx, ns, names, wide);
    case 'hpa':
      return getHpa(ctx, ns, names);
    case 'events':
      return getEvents(ctx, ns);
    case 'nodes':
      return getNodes(ctx, wide);
  }
}

/** Rows filtered by the names asked for; a missing name is kubectl's NotFound (after the table). */
function byName<T>(
  resource: Resource,
  rows: readonly T[],
  nameOf: (row: T) => string,
  names: readonly string[],
): { rows: T[]; errors: string[] } {
  if (names.length === 0) return { rows: [...rows], errors: [] };
  const found: T[] = [];
  const errors: string[] = [];
  for (const name of names) {
    const row = rows.find((r) => nameOf(r) === name);
    if (row) found.push(row);
    else errors.push(notFound(resource, name));
  }
  return { rows: found, errors };
}

function finish(text: string, errors: string[], ns: string | undefined): ShellResult {
  if (text === '' && errors.length === 0) return ok(noResources(ns));
  const out = [text, ...errors].filter((s) => s !== '').join('\n');
  return errors.length > 0 ? fail(out) : ok(out);
}

function getPods(
  ctx: ShellContext,
  ns: string | undefined,
  names: readonly string[],
  wide: boolean,
): ShellResult {
  const { rows, errors } = byName('pods', allPods(ctx, ns), (p) => p.name, names);
  if (rows.length === 0) return finish('', errors, ns);
  const header = ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'];
  if (ns === undefined) header.unshift('NAMESPACE');
  if (wide) header.push('IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES');
  const body = rows.map((p) => {
    const row = [
      p.name,
      p.ready ? '1/1' : '0/1',
      p.status,
      restartsCell(ctx, p),
      age(ctx.time - p.createdAt),
    ];
    if (ns === undefined) row.unshift(p.namespace);
    if (wide) row.push(p.ip, p.host, '<none>', '<none>');
    return row;
  });
  return finish(table(header, body), errors, ns);
}

function getDeployments(
  ctx: ShellContext,
  ns: string | undefined,
  names: readonly string[],
  wide: boolean,
): ShellResult {
  const list = workloads(ctx).filter((w) => ns === undefined || namespaceOf(w) === ns);
  const { rows, errors } = byName('deployments', list, (w) => w.id, names);
  if (rows.length === 0) return finish('', errors, ns);
  const header = ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'];
  if (ns === undefined) header.unshift('NAMESPACE');
  if (wide) header.push('CONTAINERS', 'IMAGES', 'SELECTOR');
  const body = rows.map((w) => {
    const r = replicasOf(ctx, w);
    const row = [
      w.id,
      `${r.ready}/${r.desired}`,
      String(r.desired),
      String(r.ready),
      age(ctx.time + DEPLOYMENTS_BORN_BEFORE),
    ];
    if (ns === undefined) row.unshift(namespaceOf(w));
    if (wide) row.push(w.kind === 'dns' ? 'coredns' : 'app', imageOf(w.id, versionOf(ctx, w)), `app=${w.id}`);
    return row;
  });
  return finish(table(header, body), errors, ns);
}

function getHpa(ctx: ShellContext, ns: string | undefined, names: readonly string[]): ShellResult {
  const list = ns === undefined || ns === 'default' ? autoscaled(ctx) : [];
  const { rows, errors } = byName('hpa', list, (w) => w.id, names);
  if (rows.length === 0) return finish('', errors, ns);
  const header = ['NAME', 'REFERENCE', 'TARGETS', 'MINPODS', 'MAXPODS', 'REPLICAS', 'AGE'];
  if (ns === undefined) header.unshift('NAMESPACE');
  const body = rows.map((w) => {
    const row = [
      w.id,
      `Deployment/${w.id}`,
      hpaTarget(ctx, w).cell,
      String(w.autoscaler.min),
      String(w.autoscaler.max),
      String(replicasOf(ctx, w).desired),
      age(ctx.time + DEPLOYMENTS_BORN_BEFORE),
    ];
    if (ns === undefined) row.unshift('default');
    return row;
  });
  return finish(table(header, body), errors, ns);
}

function getEvents(ctx: ShellContext, ns: string | undefined): ShellResult {
  const events = k8sEvents(ctx, ns);
  if (events.length === 0) return ok(noResources(ns));
  const header = ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'];
  if (ns === undefined) header.unshift('NAMESPACE');
  return ok(
    table(
      header,
      events.map((e) => {
        const row = [eventAge(ctx, e), e.type, e.reason, e.object, e.message];
        if (ns === undefined) row.unshift(e.namespace ?? 'default');
        return row;
      }),
    ),
  );
}

function getNodes(ctx: ShellContext, wide: boolean): ShellResult {
  const header = ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION'];
  if (wide) header.push('INTERNAL-IP', 'OS-IMAGE', 'CONTAINER-RUNTIME');
  const rows = clusterNodes(ctx).map((name) => {
    const row = [name, 'Ready', '<none>', age(ctx.time + DEPLOYMENTS_BORN_BEFORE + 86400), 'v1.31.4'];
    if (wide)
      row.push(
        name
          .replace(/^ip-/, '')
          .replace(/\.ec2\.internal$/, '')
          .replaceAll('-', '.'),
        'Amazon Linux 2023',
        'containerd://1.7.23',
      );
    return row;
  });
  return ok(table(header, rows));
}
