/**
 * Reads a typed command line (kubectl, redis-cli, psql, aws rds, consul kv) back into the engine's
 * ActionCommand, against the system's nodes and calls. Pure: no engine, no DOM. A line that is
 * not an action gets one plain sentence naming what is wrong and, where it helps, the commands
 * that do apply to that node. Read-only commands are pointed to the Shell tab.
 */
import { ACTION_CATALOG } from '../engine/actions';
import type { ActionCommand } from '../engine/api';
import type { ParamDoc } from '../engine/catalog-types';
import { withArticle } from '../scenario/article';
import { NODE_KIND_CATALOG } from '../scenario/node-kinds';
import type { ActionType, AutoscalerMetric, NodeKind, ScenarioNode } from '../scenario/schema';
import { closest } from '../scenario/suggest';
import { tokenize } from '../shell/tokenize';
import {
  parseCpu,
  parseDuration,
  parseMemoryMb,
  parseRedisMemoryMb,
  rdsClass,
  RDS_CLASSES,
} from './quantities';
import {
  APP_NAMESPACE,
  commandEntries,
  commandLine,
  type CommandTopology,
  DNS_NAMESPACE,
  hasDisk,
  SIDECAR_PATCH,
} from './syntax';

export type ParseResult =
  | { readonly ok: true; readonly command: ActionCommand; readonly canonical: string }
  | { readonly ok: false; readonly error: string; readonly suggestions?: readonly string[] };

type Fail = Extract<ParseResult, { ok: false }>;
type Params = Record<string, string | number | boolean>;
type Built = { readonly type: ActionType; readonly target: string; readonly params?: Params } | Fail;

export const ACTION_TOOLS = ['kubectl', 'redis-cli', 'psql', 'aws', 'consul'] as const;

const fail = (error: string, suggestions?: readonly string[]): Fail =>
  suggestions && suggestions.length > 0 ? { ok: false, error, suggestions } : { ok: false, error };
const isFail = (b: unknown): b is Fail => typeof b === 'object' && b !== null && (b as Fail).ok === false;

export const READ_ONLY_HINT = 'it only reads: run it in the Shell tab';

export function parseActionCommand(line: string, topo: CommandTopology): ParseResult {
  const tokens = tokenize(line);
  if (!tokens.ok) return fail(tokens.error);
  const words = tokens.words;
  if (words.length === 0)
    return fail('type a command, e.g. kubectl rollout restart deploy/NAME', [...ACTION_TOOLS]);
  const ctx = new Context(topo);
  const [tool, ...rest] = words as [string, ...string[]];
  let built: Built;
  switch (tool) {
    case 'kubectl':
      built = kubectl(rest, ctx);
      break;
    case 'redis-cli':
      built = redisCli(rest, ctx);
      break;
    case 'psql':
      built = psql(rest, ctx);
      break;
    case 'aws':
      built = aws(rest, ctx);
      break;
    case 'consul':
      built = consul(rest, ctx);
      break;
    default: {
      const near = closest(tool, ACTION_TOOLS);
      return fail(
        `${tool}: command not found${near ? ` (did you mean ${near}?)` : ''}; actions use ${ACTION_TOOLS.join(', ')}`,
        near ? [near] : [...ACTION_TOOLS],
      );
    }
  }
  if (isFail(built)) return built;
  const doc = ACTION_CATALOG[built.type];
  const params = built.params ?? {};
  // The last guard: the catalog's own bounds (the same check the engine makes).
  for (const [name, value] of Object.entries(params)) {
    const p = doc.params[name];
    if (p && typeof value === 'number') {
      const bad = outOfRange(value, p);
      if (bad) return fail(`${name} ${bad}`);
    }
  }
  const command: ActionCommand = { type: built.type, target: built.target, params };
  return { ok: true, command, canonical: commandLine(command, topo) };
}

function outOfRange(value: number, p: ParamDoc): string | undefined {
  if (!Number.isFinite(value)) return 'must be a finite number';
  if (p.min !== undefined && value < p.min) return `must be at least ${p.min}`;
  if (p.max !== undefined && value > p.max) return `must be at most ${p.max}`;
  return undefined;
}

function kindName(kind: NodeKind): string {
  return kind === 'dns' ? 'DNS server' : NODE_KIND_CATALOG[kind].label.toLowerCase();
}
function kindsText(kinds: readonly string[]): string {
  const names = kinds.map((k) => (k === 'edge' ? 'calls' : `${kindName(k as NodeKind)}s`));
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

class Context {
  constructor(readonly topo: CommandTopology) {}
  node(id: string): ScenarioNode | undefined {
    return this.topo.nodes.find((n) => n.id === id);
  }
  /** The commands that do apply to a node: the suggestion when a tool does not fit it. */
  commandsFor(id: string): string[] {
    return commandEntries(this.topo)
      .filter((e) => e.command.target === id)
      .map((e) => e.line);
  }
  /** `what` (e.g. "kubectl scale") on `id`: the node, or why not. */
  check(id: string, type: ActionType, what: string, prefix: string): ScenarioNode | Fail {
    const node = this.node(id);
    if (!node) {
      const near = closest(
        id,
        this.topo.nodes.map((n) => n.id),
      );
      return fail(`${prefix}${id}: not found${near ? ` (did you mean ${prefix}${near}?)` : ''}`);
    }
    const applies = ACTION_CATALOG[type].appliesTo;
    if (!applies.includes(node.kind))
      return fail(
        `${id} is ${withArticle(kindName(node.kind))}: ${what} applies to ${kindsText(applies.filter((k) => k !== 'edge'))}`,
        this.commandsFor(id),
      );
    return node;
  }
}

// --- flags -----------------------------------------------------------------------------------

interface Args {
  readonly positional: string[];
  readonly flags: Map<string, string | true>;
}

/**
 * Splits words into positionals and flags. `valued` lists the flags that take a value
 * (`--replicas=3`, `--replicas 3`, `-n ns`); `aliases` maps short to long names.
 */
function args(
  words: readonly string[],
  valued: readonly string[],
  known: readonly string[],
  aliases: Readonly<Record<string, string>> = {},
  tool = '',
): Args | Fail {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (!w.startsWith('-') || w === '-') {
      positional.push(w);
      continue;
    }
    const eq = w.indexOf('=');
    let name = eq > 0 ? w.slice(0, eq) : w;
    name = aliases[name] ?? name;
    if (!valued.includes(name) && !known.includes(name)) {
      const near = closest(name, [...valued, ...known]);
      return fail(`${tool ? `${tool}: ` : ''}unknown flag ${name}${near ? ` (did you mean ${near}?)` : ''}`);
    }
    if (valued.includes(name)) {
      if (eq > 0) flags.set(name, w.slice(eq + 1));
      else if (i + 1 < words.length) flags.set(name, words[++i]!);
      else return fail(`${name} needs a value`);
    } else flags.set(name, true);
  }
  return { positional, flags };
}

function str(a: Args, name: string): string | undefined {
  const v = a.flags.get(name);
  return typeof v === 'string' ? v : undefined;
}

/** A whole number within a catalog parameter's bounds, or the message "--replicas must be ...". */
function wholeNumber(flag: string, text: string | undefined, doc: ParamDoc | undefined): number | Fail {
  const lo = doc?.min ?? 0;
  const hi = doc?.max;
  const range = hi !== undefined ? `${lo}-${hi}` : `of at least ${lo}`;
  const msg = `${flag} must be a whole number ${range}`;
  if (text === undefined || !/^\d+$/.test(text)) return fail(msg);
  const v = Number(text);
  if (v < lo || (hi !== undefined && v > hi)) return fail(msg);
  return v;
}

// --- kubectl ---------------------------------------------------------------------------------

/**
 * `kubectl set probe deploy/NAME --liveness|--readiness [--timeout-seconds=N] ... [--remove]`
 * (the shape of OpenShift's `oc set probe`; plain kubectl would patch the pod template): the
 * set-probe action, a rolling restart with the new probe.
 */
function setProbe(
  pos: readonly string[],
  a: Args,
  ctx: Context,
  allowed: (names: readonly string[]) => Fail | undefined,
): Built {
  const bad = allowed([...KUBECTL_SWITCHES, ...Object.keys(PROBE_FLAGS)]);
  if (bad) return bad;
  const ref = resource(pos, DEPLOY_TYPES, 'kubectl set probe deploy/NAME --liveness --timeout-seconds=5');
  if (isFail(ref)) return ref;
  const live = a.flags.has('--liveness');
  const ready = a.flags.has('--readiness');
  if (live === ready)
    return fail('kubectl set probe: say which probe: --liveness or --readiness (one per command)');
  const node = deployment(ctx, ref.name, 'set-probe', 'kubectl set probe', a);
  if (isFail(node)) return node;
  const params: Record<string, string | number | boolean> = { probe: live ? 'liveness' : 'readiness' };
  if (a.flags.has('--remove'))
    return { type: 'set-probe', target: node.id, params: { ...params, enabled: false } };
  const docs = ACTION_CATALOG['set-probe'].params;
  for (const [flag, param] of Object.entries(PROBE_FLAGS)) {
    if (!a.flags.has(flag)) continue;
    const v = wholeNumber(flag, str(a, flag), docs[param]);
    if (isFail(v)) return v;
    params[param] = v;
  }
  if (Object.keys(params).length === 1)
    return fail(
      'kubectl set probe: give a setting to change (--timeout-seconds, --period-seconds, --failure-threshold, --success-threshold, --initial-delay-seconds) or --remove',
    );
  return { type: 'set-probe', target: node.id, params };
}

const KUBECTL_READ_ONLY = ['get', 'describe', 'top', 'logs', 'explain', 'events', 'version', 'api-resources'];
const KUBECTL_ACTIONS = ['scale', 'autoscale', 'patch', 'rollout', 'set', 'delete', 'apply', 'exec'];
const KUBECTL_VALUED = [
  '--namespace',
  '--replicas',
  '--min',
  '--max',
  '--cpu-percent',
  '--patch',
  '--type',
  '--to-revision',
  '--limits',
  '--requests',
  '--containers',
  '--filename',
  '--timeout-seconds',
  '--period-seconds',
  '--failure-threshold',
  '--success-threshold',
  '--initial-delay-seconds',
];
/** Flags without a value (`kubectl set probe`'s, modelled on OpenShift's `oc set probe`). */
const KUBECTL_SWITCHES = ['--liveness', '--readiness', '--remove'];
const PROBE_FLAGS: Readonly<Record<string, string>> = {
  '--timeout-seconds': 'timeoutSeconds',
  '--period-seconds': 'periodSeconds',
  '--failure-threshold': 'failureThreshold',
  '--success-threshold': 'successThreshold',
  '--initial-delay-seconds': 'initialDelaySeconds',
};
const KUBECTL_ALIASES = { '-n': '--namespace', '-p': '--patch', '-c': '--containers', '-f': '--filename' };
const DEPLOY_TYPES = ['deploy', 'deployment', 'deployments', 'deploy.apps', 'deployment.apps'];
const HPA_TYPES = ['hpa', 'horizontalpodautoscaler', 'horizontalpodautoscalers'];
const PVC_TYPES = ['pvc', 'persistentvolumeclaim', 'persistentvolumeclaims'];
/** A cache runs as a StatefulSet (`kubectl rollout restart statefulset/NAME`). */
const STS_TYPES = ['statefulset', 'statefulsets', 'sts', 'statefulset.apps'];

function kubectl(all: readonly string[], ctx: Context): Built {
  // `kubectl exec POD -- CMD ...`: what follows "--" is the command run in the pod, not kubectl's.
  const dash = all.indexOf('--');
  const words = dash >= 0 ? all.slice(0, dash) : all;
  const inner = dash >= 0 ? all.slice(dash + 1) : [];
  const a = args(words, KUBECTL_VALUED, KUBECTL_SWITCHES, KUBECTL_ALIASES, 'kubectl');
  if (isFail(a)) return a;
  const [sub, ...pos] = a.positional;
  if (sub === 'exec') return kubectlExec(pos, inner, a, ctx);
  if (dash >= 0) return fail(`kubectl ${sub ?? ''}: unexpected "--" (only kubectl exec runs a command)`);
  if (!sub)
    return fail('kubectl: which command? e.g. kubectl scale deploy/NAME --replicas=N', KUBECTL_ACTIONS);
  if (KUBECTL_READ_ONLY.includes(sub)) return fail(`kubectl ${sub}: ${READ_ONLY_HINT}`);
  const allowed = (names: readonly string[]): Fail | undefined => {
    for (const name of a.flags.keys())
      if (name !== '--namespace' && !names.includes(name))
        return fail(`kubectl ${sub}: unknown flag ${name}`);
    return undefined;
  };
  switch (sub) {
    case 'scale': {
      const bad = allowed(['--replicas']);
      if (bad) return bad;
      const ref = resource(pos, DEPLOY_TYPES, 'kubectl scale deploy/NAME --replicas=N');
      if (isFail(ref)) return ref;
      const node = ctx.node(ref.name);
      const type: ActionType = node?.kind === 'dns' ? 'scale-dns' : 'scale';
      const checked = deployment(ctx, ref.name, type, 'kubectl scale', a);
      if (isFail(checked)) return checked;
      if (!a.flags.has('--replicas')) return fail('kubectl scale: --replicas is required');
      const n = wholeNumber('--replicas', str(a, '--replicas'), ACTION_CATALOG[type].params.replicas);
      if (isFail(n)) return n;
      return { type, target: ref.name, params: { replicas: n } };
    }
    case 'autoscale': {
      const bad = allowed(['--min', '--max', '--cpu-percent']);
      if (bad) return bad;
      const ref = resource(pos, DEPLOY_TYPES, 'kubectl autoscale deploy NAME --min=N --max=N');
      if (isFail(ref)) return ref;
      const node = deployment(ctx, ref.name, 'set-autoscaler-bounds', 'kubectl autoscale', a);
      if (isFail(node)) return node;
      // On a service without an HPA this creates one: kubectl's defaults are --min 1 and 80% CPU.
      const creates = node.kind === 'service' && !node.autoscaler;
      const built = hpaParams(node, {
        min: str(a, '--min') ?? (creates ? '1' : undefined),
        max: str(a, '--max'),
        cpuPercent: str(a, '--cpu-percent'),
        needMax: true,
      });
      if (isFail(built) || !creates) return built;
      return { ...built, params: { ...built.params, metric: 'cpu' } };
    }
    case 'patch': {
      const bad = allowed(['--patch', '--type']);
      if (bad) return bad;
      const type = str(a, '--type');
      if (type !== undefined && !['merge', 'strategic'].includes(type))
        return fail(`kubectl patch: --type ${type} is not supported here; use a merge patch (-p '{...}')`);
      const patchText = str(a, '--patch');
      const ref = resource(
        pos,
        [...HPA_TYPES, ...DEPLOY_TYPES, ...PVC_TYPES],
        "kubectl patch hpa NAME -p '{...}'",
      );
      if (isFail(ref)) return ref;
      if (patchText === undefined) return fail("kubectl patch: -p '{...}' is required");
      let patch: unknown;
      try {
        patch = JSON.parse(patchText);
      } catch {
        return fail(`kubectl patch: -p is not valid JSON: ${patchText}`);
      }
      if (PVC_TYPES.includes(ref.type)) return patchPvc(ref.name, patch, a, ctx);
      if (HPA_TYPES.includes(ref.type)) {
        const node = deployment(ctx, ref.name, 'set-autoscaler-bounds', 'kubectl patch hpa', a, 'hpa/');
        if (isFail(node)) return node;
        const spec = (patch as { spec?: Record<string, unknown> } | null)?.spec;
        if (typeof spec !== 'object' || spec === null)
          return fail(
            'kubectl patch hpa: the patch must set spec.minReplicas, spec.maxReplicas or spec.targetCPUUtilizationPercentage',
          );
        const unknown = Object.keys(spec).filter(
          (k) => !['minReplicas', 'maxReplicas', 'targetCPUUtilizationPercentage', 'metrics'].includes(k),
        );
        if (unknown.length > 0)
          return fail(
            `kubectl patch hpa: spec.${unknown[0]} cannot be patched here (minReplicas, maxReplicas, targetCPUUtilizationPercentage, metrics)`,
          );
        const text = (v: unknown) => (v === undefined ? undefined : String(v));
        const metric = spec.metrics === undefined ? undefined : hpaMetric(spec.metrics);
        if (metric !== undefined && isFail(metric)) return metric;
        if (metric !== undefined && spec.targetCPUUtilizationPercentage !== undefined)
          return fail(
            'kubectl patch hpa: give the target either in spec.metrics or as targetCPUUtilizationPercentage',
          );
        const built = hpaParams(node, {
          min: text(spec.minReplicas),
          max: text(spec.maxReplicas),
          cpuPercent: text(spec.targetCPUUtilizationPercentage),
          needMax: false,
          metric,
        });
        return built;
      }
      const node = deployment(ctx, ref.name, 'remove-sidecar', 'kubectl patch deploy', a);
      if (isFail(node)) return node;
      if (JSON.stringify(patch) !== SIDECAR_PATCH)
        return fail(
          `kubectl patch deploy: the console changes a deployment's pod template only to remove the mesh sidecar: -p '${SIDECAR_PATCH}'`,
        );
      if (node.kind === 'service' && !node.sidecar) return fail(`deploy/${node.id} has no sidecar to remove`);
      return { type: 'remove-sidecar', target: node.id };
    }
    case 'rollout': {
      const [verb, ...rpos] = pos;
      if (verb === 'status' || verb === 'history') return fail(`kubectl rollout ${verb}: ${READ_ONLY_HINT}`);
      if (verb !== 'restart' && verb !== 'undo')
        return fail(`kubectl rollout: expected restart or undo${verb ? `, not ${verb}` : ''}`, [
          'restart',
          'undo',
        ]);
      const bad = allowed(verb === 'undo' ? ['--to-revision'] : []);
      if (bad) return bad;
      const ref = resource(
        rpos,
        verb === 'restart' ? [...DEPLOY_TYPES, ...STS_TYPES] : DEPLOY_TYPES,
        `kubectl rollout ${verb} deploy/NAME`,
      );
      if (isFail(ref)) return ref;
      const type: ActionType = verb === 'restart' ? 'restart' : 'rollback';
      const node = deployment(ctx, ref.name, type, `kubectl rollout ${verb}`, a);
      if (isFail(node)) return node;
      if (verb === 'undo' && a.flags.has('--to-revision')) {
        // The simulated deployment keeps one previous revision: any revision number rolls back to it.
        const r = wholeNumber('--to-revision', str(a, '--to-revision'), {
          type: 'number',
          min: 0,
          description: '',
        });
        if (isFail(r)) return r;
      }
      return { type, target: node.id };
    }
    case 'set': {
      const [what, ...spos] = pos;
      if (what === 'probe') return setProbe(spos, a, ctx, allowed);
      if (what === 'env') return setEnv(spos, a, ctx, allowed);
      if (what === 'image') return setImage(spos, a, ctx, allowed);
      if (what !== 'resources')
        return fail(
          `kubectl set: only "set resources", "set probe", "set env" and "set image" change something here${what ? `, not ${what}` : ''}`,
          ['resources', 'probe', 'env', 'image'],
        );
      const bad = allowed(['--limits', '--requests', '--containers']);
      if (bad) return bad;
      const ref = resource(spos, DEPLOY_TYPES, 'kubectl set resources deploy/NAME --limits=memory=2Gi');
      if (isFail(ref)) return ref;
      if (a.flags.has('--requests'))
        return fail('kubectl set resources: --requests does not change what a pod may use; set --limits');
      const limits = str(a, '--limits');
      if (limits === undefined)
        return fail('kubectl set resources: --limits=cpu=N or --limits=memory=SIZE is required');
      const pairs = limits.split(',').map((p) => p.split('='));
      const set = new Map<string, string>();
      for (const p of pairs) {
        if (p.length !== 2 || !p[0] || !p[1] || !['cpu', 'memory'].includes(p[0]))
          return fail(`--limits must be cpu=QUANTITY or memory=QUANTITY, not ${limits}`);
        set.set(p[0], p[1]);
      }
      if (set.size > 1)
        return fail('kubectl set resources: set one limit per command (each is its own rolling restart)', [
          `kubectl set resources deploy/${ref.name} --limits=cpu=${set.get('cpu')}`,
          `kubectl set resources deploy/${ref.name} --limits=memory=${set.get('memory')}`,
        ]);
      if (set.has('cpu')) {
        const node = deployment(ctx, ref.name, 'raise-cpu-limit', 'kubectl set resources --limits=cpu', a);
        if (isFail(node)) return node;
        const cores = parseCpu(set.get('cpu')!);
        if (cores === undefined || cores <= 0)
          return fail(`--limits=cpu must be a CPU quantity such as 500m or 2, not ${set.get('cpu')}`);
        return { type: 'raise-cpu-limit', target: node.id, params: { cores } };
      }
      const node = deployment(
        ctx,
        ref.name,
        'raise-memory-limit',
        'kubectl set resources --limits=memory',
        a,
      );
      if (isFail(node)) return node;
      const mb = parseMemoryMb(set.get('memory')!);
      if (mb === undefined || mb <= 0)
        return fail(
          `--limits=memory must be a memory quantity such as 512Mi or 2Gi, not ${set.get('memory')}`,
        );
      return { type: 'raise-memory-limit', target: node.id, params: { memoryMb: mb } };
    }
    case 'delete': {
      const bad = allowed([]);
      if (bad) return bad;
      const ref = resource(pos, [...DEPLOY_TYPES, ...HPA_TYPES], 'kubectl delete deploy/NAME');
      if (isFail(ref)) return ref;
      if (ref.type === 'hpa') {
        const node = deployment(ctx, ref.name, 'delete-autoscaler', 'kubectl delete hpa', a, 'hpa/');
        if (isFail(node)) return node;
        return { type: 'delete-autoscaler', target: node.id };
      }
      const node = deployment(ctx, ref.name, 'stop-workload', 'kubectl delete', a);
      if (isFail(node)) return node;
      return { type: 'stop-workload', target: node.id };
    }
    case 'apply': {
      const bad = allowed(['--filename']);
      if (bad) return bad;
      const file = str(a, '--filename');
      const dns = ctx.topo.nodes.filter((n) => n.kind === 'dns');
      const files = dns.map((n) => `nodelocaldns-${n.id}.yaml`);
      if (file === undefined) return fail('kubectl apply: -f FILE is required', files);
      const m = /^nodelocaldns(?:-(.+))?\.yaml$/.exec(file);
      if (!m)
        return fail(
          `kubectl apply -f ${file}: the only manifest here is NodeLocal DNSCache (nodelocaldns-NAME.yaml)`,
          files,
        );
      let name = m[1];
      if (name === undefined) {
        if (dns.length !== 1) return fail(`kubectl apply -f ${file}: say which resolver it fronts`, files);
        name = dns[0]!.id;
      }
      const node = ctx.check(name, 'enable-dns-cache', 'NodeLocal DNSCache', '');
      if (isFail(node)) return node;
      const nsBad = namespace(a, node);
      if (nsBad) return nsBad;
      return { type: 'enable-dns-cache', target: node.id };
    }
    default: {
      const near = closest(sub, [...KUBECTL_ACTIONS, ...KUBECTL_READ_ONLY]);
      return fail(
        `kubectl: unknown command "${sub}"${near ? ` (did you mean ${near}?)` : ''}`,
        near ? [near] : KUBECTL_ACTIONS,
      );
    }
  }
}

// --- disks: kubectl exec (free-disk), set env LOG_LEVEL, patch pvc ----------------------------

/** Commands that only read, run in a pod: the Shell tab answers them. */
const EXEC_READ_ONLY = ['df', 'du', 'ls', 'cat', 'tail', 'head', 'stat', 'wc'];
const POD_TYPES = ['pod', 'pods', 'po', 'sts', 'statefulset', 'statefulsets', ...DEPLOY_TYPES];

/** A pod, deployment or statefulset name as the node it runs (pods carry a suffix: NAME-0, NAME-7d9f-x2x). */
function podNode(ctx: Context, name: string): ScenarioNode | undefined {
  return (
    ctx.node(name) ??
    ctx.node(name.replace(/-\d+$/, '')) ??
    ctx.node(name.replace(/-[a-z0-9]+-[a-z0-9]+$/, '')) ??
    undefined
  );
}

/** A node with a volume for a disk action: the node, or why not. */
function diskNode(
  ctx: Context,
  name: string,
  type: ActionType,
  what: string,
  prefix: string,
): ScenarioNode | Fail {
  const node = podNode(ctx, name);
  const checked = ctx.check(node?.id ?? name, type, what, prefix);
  if (isFail(checked)) return checked;
  if (!hasDisk(checked))
    return fail(`${checked.id} has no disk volume in this system`, ctx.commandsFor(checked.id));
  return checked;
}

/**
 * `kubectl exec POD -- CMD`: deleting or truncating logs is free-disk; df, du and the like only
 * read (the Shell tab runs them).
 */
function kubectlExec(pos: readonly string[], inner: readonly string[], a: Args, ctx: Context): Built {
  for (const name of a.flags.keys())
    if (name !== '--namespace' && name !== '--containers') return fail(`kubectl exec: unknown flag ${name}`);
  const [target, extra] = pos;
  if (!target) return fail('kubectl exec: which pod? kubectl exec deploy/NAME -- COMMAND');
  if (extra !== undefined) return fail(`kubectl exec: put the command after "--" (unexpected ${extra})`);
  const [type, name] = target.includes('/') ? (target.split('/', 2) as [string, string]) : ['pod', target];
  if (!POD_TYPES.includes(type.toLowerCase()))
    return fail(`kubectl exec: ${type} is not a pod, deployment or statefulset`);
  if (inner.length === 0) return fail('kubectl exec: give the command to run after "--"');
  const script =
    inner[0] === 'sh' || inner[0] === 'bash'
      ? inner.slice(inner[1] === '-c' ? 2 : 1).join(' ')
      : inner.join(' ');
  const first = script.trim().split(/\s+/)[0] ?? '';
  if (EXEC_READ_ONLY.includes(first) || (first === 'find' && !/-delete\b/.test(script)))
    return fail(`kubectl exec ... ${first}: ${READ_ONLY_HINT}`);
  if (!/(^|[;&|\s])(rm|truncate)\s|-delete\b|(^|[;&|\s]):?\s*>\s*\S+/.test(script))
    return fail(
      'kubectl exec: the commands that change something here delete or truncate logs (rm, truncate, find -delete)',
    );
  const node = diskNode(ctx, name, 'free-disk', 'deleting logs', `${type}/`);
  if (isFail(node)) return node;
  const nsBad = namespace(a, node, `${type}/`);
  if (nsBad) return nsBad;
  return { type: 'free-disk', target: node.id };
}

const LOG_LEVELS: Readonly<Record<string, string>> = {
  debug: 'debug',
  trace: 'debug',
  info: 'info',
  notice: 'info',
  warn: 'warn',
  warning: 'warn',
  error: 'error',
};

/** `kubectl set env deploy/NAME LOG_LEVEL=LEVEL`: set-log-level (a rolling restart). */
function setEnv(
  pos: readonly string[],
  a: Args,
  ctx: Context,
  allowed: (names: readonly string[]) => Fail | undefined,
): Built {
  const bad = allowed([]);
  if (bad) return bad;
  const assignments = pos.filter((p) => p.includes('='));
  const ref = resource(
    pos.filter((p) => !p.includes('=')),
    DEPLOY_TYPES,
    'kubectl set env deploy/NAME LOG_LEVEL=info',
  );
  if (isFail(ref)) return ref;
  const setting = assignments.find((p) => p.startsWith('LOG_LEVEL='));
  if (!setting || assignments.length !== 1)
    return fail('kubectl set env: only LOG_LEVEL=LEVEL changes something here (debug, info, warn, error)');
  const raw = setting.slice('LOG_LEVEL='.length).toLowerCase();
  const level = LOG_LEVELS[raw];
  if (!level) return fail(`LOG_LEVEL must be one of debug, info, warn, error, not ${raw || 'empty'}`);
  const node = diskNode(ctx, ref.name, 'set-log-level', 'kubectl set env LOG_LEVEL', 'deploy/');
  if (isFail(node)) return node;
  const nsBad = namespace(a, node);
  if (nsBad) return nsBad;
  return { type: 'set-log-level', target: node.id, params: { level } };
}

/**
 * `kubectl set image deploy/NAME CONTAINER=REGISTRY/NAME:TAG`: set-image-registry (the registry is
 * the image reference's host, a node of the system; the tag stays the running version).
 */
function setImage(
  pos: readonly string[],
  a: Args,
  ctx: Context,
  allowed: (names: readonly string[]) => Fail | undefined,
): Built {
  const bad = allowed([]);
  if (bad) return bad;
  const usage = 'kubectl set image deploy/NAME app=REGISTRY/NAME:TAG';
  const ref = resource(
    pos.filter((p) => !p.includes('=')),
    DEPLOY_TYPES,
    usage,
  );
  if (isFail(ref)) return ref;
  const assignments = pos.filter((p) => p.includes('='));
  if (assignments.length !== 1) return fail(`kubectl set image: one CONTAINER=IMAGE is required (${usage})`);
  const image = assignments[0]!.slice(assignments[0]!.indexOf('=') + 1);
  const slash = image.indexOf('/');
  if (slash <= 0)
    return fail(
      `kubectl set image: the image must name its registry (REGISTRY/NAME:TAG), not ${image || 'empty'}`,
    );
  const registry = image.slice(0, slash);
  const node = deployment(ctx, ref.name, 'set-image-registry', 'kubectl set image', a);
  if (isFail(node)) return node;
  if (!ctx.topo.nodes.some((n) => n.id === registry))
    return fail(
      `kubectl set image: no registry "${registry}" in this system`,
      ctx.topo.nodes
        .filter((n) => n.kind === 'external')
        .map((n) => `kubectl set image deploy/${node.id} app=${n.id}/${node.id}`),
    );
  return { type: 'set-image-registry', target: node.id, params: { registry } };
}

/** `kubectl patch pvc NAME-data -p '{"spec":{"resources":{"requests":{"storage":"200Gi"}}}}'`: expand-volume. */
function patchPvc(name: string, patch: unknown, a: Args, ctx: Context): Built {
  const id = name.replace(/^data-/, '').replace(/-data$/, '');
  const node = diskNode(ctx, id, 'expand-volume', 'kubectl patch pvc', 'pvc/');
  if (isFail(node)) return node;
  const nsBad = namespace(a, node, 'pvc/');
  if (nsBad) return nsBad;
  const storage = (patch as { spec?: { resources?: { requests?: { storage?: unknown } } } } | null)?.spec
    ?.resources?.requests?.storage;
  if (typeof storage !== 'string')
    return fail('kubectl patch pvc: the patch must set spec.resources.requests.storage, e.g. "200Gi"');
  const mb = parseMemoryMb(storage);
  if (mb === undefined || mb <= 0)
    return fail(`kubectl patch pvc: storage must be a quantity such as 200Gi, not ${storage}`);
  return {
    type: 'expand-volume',
    target: node.id,
    params: { sizeGb: Math.round((mb / 1024) * 1000) / 1000 },
  };
}

/** "deploy/NAME" or "deploy NAME" at the start of `pos`. */
function resource(
  pos: readonly string[],
  types: readonly string[],
  usage: string,
): { type: string; name: string } | Fail {
  const [first, second, extra] = pos;
  if (!first) return fail(`expected a resource: ${usage}`);
  let type: string;
  let name: string | undefined;
  if (first.includes('/')) {
    [type, name] = first.split('/', 2) as [string, string];
    if (second !== undefined) return fail(`unexpected argument ${second}: ${usage}`);
  } else {
    type = first;
    name = second;
    if (extra !== undefined) return fail(`unexpected argument ${extra}: ${usage}`);
  }
  type = type.toLowerCase();
  if (!types.includes(type)) {
    const want = types.includes('hpa') && !types.includes('deploy') ? 'hpa' : 'deploy';
    return fail(`${type}: not a resource this command changes here; usage: ${usage}`, [
      `${want}/${name ?? 'NAME'}`,
    ]);
  }
  if (!name) return fail(`expected a name after ${type}: ${usage}`);
  return { type: type.startsWith('h') ? 'hpa' : PVC_TYPES.includes(type) ? 'pvc' : type, name };
}

/** A deployment the action applies to, in the namespace given (if any). */
function deployment(
  ctx: Context,
  name: string,
  type: ActionType,
  what: string,
  a: Args,
  prefix = 'deploy/',
): ScenarioNode | Fail {
  const node = ctx.check(name, type, what, prefix);
  if (isFail(node)) return node;
  const nsBad = namespace(a, node, prefix);
  if (nsBad) return nsBad;
  if (
    (type === 'delete-autoscaler' || (type === 'set-autoscaler-bounds' && prefix === 'hpa/')) &&
    !(node.kind === 'service' && node.autoscaler)
  )
    return fail(`hpa/${name}: not found (${name} has no autoscaler)`, ctx.commandsFor(name));
  return node;
}

function namespace(a: Args, node: ScenarioNode, prefix = 'deploy/'): Fail | undefined {
  const given = str(a, '--namespace');
  const want = node.kind === 'dns' ? DNS_NAMESPACE : APP_NAMESPACE;
  if (given === undefined || given === want) return undefined;
  return fail(`${prefix}${node.id}: not found in namespace ${given} (it runs in ${want})`);
}

/** Metric names of autoscaling/v2 (as `kubectl describe hpa` shows them) and the engine's signals. */
export const HPA_METRIC_NAMES: Readonly<Record<string, AutoscalerMetric>> = {
  http_requests_per_second: 'requests_per_second',
  http_request_duration_seconds_p99: 'latency_p99',
  inflight_requests: 'inflight',
  redis_list_length: 'queue_depth',
};

/**
 * spec.metrics of an autoscaling/v2 patch: one Resource cpu (Utilization), Pods (AverageValue) or
 * External (AverageValue) metric, as the signal and its target in the engine's unit.
 */
function hpaMetric(metrics: unknown): { metric: AutoscalerMetric; target: number } | Fail {
  const usage =
    'spec.metrics: one metric, e.g. [{"type":"Pods","pods":{"metric":{"name":"http_requests_per_second"},"target":{"type":"AverageValue","averageValue":"100"}}}]';
  if (!Array.isArray(metrics) || metrics.length !== 1) return fail(`kubectl patch hpa: ${usage}`);
  const m = metrics[0] as Record<string, unknown> | null;
  const type = typeof m?.type === 'string' ? m.type : '';
  const body = (m?.[type.charAt(0).toLowerCase() + type.slice(1)] ?? null) as Record<string, unknown> | null;
  const target = (body?.target ?? null) as Record<string, unknown> | null;
  if (!body || !target) return fail(`kubectl patch hpa: ${usage}`);
  const value = (v: unknown): number | undefined => {
    const x = typeof v === 'number' ? v : typeof v === 'string' ? parseCpu(v) : undefined;
    return x !== undefined && Number.isFinite(x) && x > 0 ? x : undefined;
  };
  if (type === 'Resource') {
    const pct = value(target.averageUtilization);
    if (body.name !== 'cpu' || target.type !== 'Utilization' || pct === undefined)
      return fail(
        'kubectl patch hpa: a Resource metric here is cpu with target.type Utilization and averageUtilization PCT',
      );
    return { metric: 'cpu', target: pct / 100 };
  }
  if (type !== 'Pods' && type !== 'External')
    return fail(`kubectl patch hpa: metric type ${type || '?'}: ${usage}`);
  const name = (body.metric as { name?: unknown } | undefined)?.name;
  const metric = typeof name === 'string' ? HPA_METRIC_NAMES[name] : undefined;
  if (!metric)
    return fail(
      `kubectl patch hpa: metric ${String(name)}: one of ${Object.keys(HPA_METRIC_NAMES).join(', ')}`,
    );
  const v = value(target.averageValue);
  if (target.type !== 'AverageValue' || v === undefined)
    return fail(`kubectl patch hpa: ${name} needs target.type AverageValue and a positive averageValue`);
  return { metric, target: v };
}

function hpaParams(
  node: ScenarioNode,
  v: {
    min?: string;
    max?: string;
    cpuPercent?: string;
    needMax: boolean;
    metric?: { metric: AutoscalerMetric; target: number };
  },
): Built {
  const docs = ACTION_CATALOG['set-autoscaler-bounds'].params;
  const params: Params = {};
  if (v.metric) {
    params.metric = v.metric.metric;
    params.target = v.metric.target;
  }
  if (v.min !== undefined) {
    const n = wholeNumber('minReplicas', v.min, docs.min);
    if (isFail(n)) return n;
    params.min = n;
  }
  if (v.max !== undefined) {
    const n = wholeNumber('maxReplicas', v.max, docs.max);
    if (isFail(n)) return n;
    params.max = n;
  } else if (v.needMax) return fail('kubectl autoscale: --max is required');
  if (v.cpuPercent !== undefined) {
    const auto = node.kind === 'service' ? node.autoscaler : undefined;
    if (auto && auto.metric !== 'cpu')
      return fail(`${node.id}'s autoscaler scales on ${auto.metric}, not CPU: a CPU target does not apply`);
    const n = wholeNumber('the CPU target (percent)', v.cpuPercent, {
      type: 'number',
      min: 1,
      max: 1000,
      description: '',
    });
    if (isFail(n)) return n;
    params.target = n / 100;
  }
  if (Object.keys(params).length === 0) return fail('set minReplicas, maxReplicas or the CPU target');
  if (typeof params.min === 'number' && typeof params.max === 'number' && params.min > params.max)
    return fail(`minReplicas (${params.min}) must not exceed maxReplicas (${params.max})`);
  return { type: 'set-autoscaler-bounds', target: node.id, params };
}

// --- redis-cli -------------------------------------------------------------------------------

const REDIS_READ_ONLY = [
  'INFO',
  'GET',
  'LLEN',
  'XLEN',
  'SCAN',
  'KEYS',
  'DBSIZE',
  'PING',
  'MEMORY',
  'SLOWLOG',
  'CLIENT',
  'TTL',
  'TYPE',
  'LRANGE',
];

function redisCli(words: readonly string[], ctx: Context): Built {
  // redis-cli's own flags come before the command; everything after is the command's words.
  const flags: string[] = [];
  let i = 0;
  while (i < words.length && words[i]!.startsWith('-')) {
    flags.push(words[i]!);
    if (['-h', '-p', '-a', '-n', '--user', '--pass'].includes(words[i]!) && i + 1 < words.length)
      flags.push(words[++i]!);
    i++;
  }
  const a = args(
    flags,
    ['-h', '-p', '-a', '-n', '--user', '--pass'],
    ['--tls', '--no-auth-warning'],
    {},
    'redis-cli',
  );
  if (isFail(a)) return a;
  const host = str(a, '-h');
  const cmd = words.slice(i);
  const verb = (cmd[0] ?? '').toUpperCase();
  if (host === undefined) {
    const redisNodes = ctx.topo.nodes.filter((n) => n.kind === 'cache' || n.kind === 'queue');
    return fail(
      'redis-cli: which server? give -h NAME (a cache or queue)',
      redisNodes.map((n) => `redis-cli -h ${n.id}`),
    );
  }
  if (!verb) return fail(`redis-cli -h ${host}: which command? e.g. CONFIG SET maxmemory 1gb`);
  if (REDIS_READ_ONLY.includes(verb) || (verb === 'CONFIG' && (cmd[1] ?? '').toUpperCase() === 'GET'))
    return fail(`redis-cli ${verb}${verb === 'CONFIG' ? ' GET' : ''}: ${READ_ONLY_HINT}`);
  if (verb === 'CONFIG') {
    if ((cmd[1] ?? '').toUpperCase() !== 'SET' || (cmd[2] ?? '').toLowerCase() !== 'maxmemory')
      return fail('redis-cli CONFIG: only CONFIG SET maxmemory SIZE changes something here');
    if (cmd.length !== 4) return fail('redis-cli CONFIG SET maxmemory: expected one size, e.g. 1gb or 512mb');
    const node = ctx.node(host);
    const type: ActionType = node?.kind === 'queue' ? 'expand-queue' : 'set-cache-maxmemory';
    const checked = ctx.check(host, type, 'redis-cli CONFIG SET maxmemory', '');
    if (isFail(checked)) return redisKind(checked, host, ctx);
    const mb = parseRedisMemoryMb(cmd[3]!);
    if (mb === undefined || mb <= 0)
      return fail(`maxmemory must be a size such as 1gb, 512mb or a number of bytes, not ${cmd[3]}`);
    return { type, target: host, params: { memoryMb: mb } };
  }
  if (verb === 'FLUSHALL' || verb === 'FLUSHDB' || verb === 'DEL' || verb === 'UNLINK') {
    if ((verb === 'DEL' || verb === 'UNLINK') && cmd.length < 2) return fail(`redis-cli ${verb}: which key?`);
    // On a cache, a flush empties it as a restart does (the keys are fetched again).
    if (ctx.node(host)?.kind === 'cache' && (verb === 'FLUSHALL' || verb === 'FLUSHDB')) {
      const checked = ctx.check(host, 'restart', `redis-cli ${verb}`, '');
      if (isFail(checked)) return checked;
      return { type: 'restart', target: host };
    }
    const checked = ctx.check(host, 'purge-queue', `redis-cli ${verb}`, '');
    if (isFail(checked)) return redisKind(checked, host, ctx);
    return { type: 'purge-queue', target: host };
  }
  return fail(`redis-cli ${verb}: not an action here (CONFIG SET maxmemory, FLUSHALL, DEL KEY)`);
}

/** A redis-cli command on a node that is not Redis says which tool fits it. */
function redisKind(f: Fail, host: string, ctx: Context): Fail {
  const node = ctx.node(host);
  if (node && node.kind !== 'cache' && node.kind !== 'queue')
    return fail(
      `${host} is ${withArticle(kindName(node.kind))}: redis-cli talks to caches and queues`,
      ctx.commandsFor(host),
    );
  return f;
}

// --- psql ------------------------------------------------------------------------------------

function psql(words: readonly string[], ctx: Context): Built {
  const a = args(
    words,
    ['--host', '--command', '--username', '--dbname', '--port'],
    [],
    { '-h': '--host', '-c': '--command', '-U': '--username', '-d': '--dbname', '-p': '--port' },
    'psql',
  );
  if (isFail(a)) return a;
  const host = str(a, '--host');
  const sql = str(a, '--command');
  const dbs = ctx.topo.nodes.filter((n) => n.kind === 'database').map((n) => `psql -h ${n.id} -c "..."`);
  if (host === undefined) return fail('psql: which server? give -h NAME (a database)', dbs);
  if (sql === undefined) return fail('psql: give the statement with -c "..."');
  const dbCheck = (type: ActionType, what: string): ScenarioNode | Fail => {
    const node = ctx.check(host, type, what, '');
    if (isFail(node) && ctx.node(host))
      return fail(
        `${host} is ${withArticle(kindName(ctx.node(host)!.kind))}: psql talks to databases`,
        ctx.commandsFor(host),
      );
    return node;
  };
  if (/\bpg_(terminate|cancel)_backend\s*\(/i.test(sql)) {
    const node = dbCheck('kill-queries', 'pg_terminate_backend');
    if (isFail(node)) return node;
    return { type: 'kill-queries', target: host };
  }
  const alter = /^\s*ALTER\s+SYSTEM\s+SET\s+max_connections\s*(?:=|TO)\s*'?(\S+?)'?\s*;?\s*$/i.exec(sql);
  if (alter) {
    const node = dbCheck('set-pool-size', 'ALTER SYSTEM SET max_connections');
    if (isFail(node)) return node;
    const n = wholeNumber('max_connections', alter[1], ACTION_CATALOG['set-pool-size'].params.size);
    if (isFail(n)) return n;
    return { type: 'set-pool-size', target: host, params: { size: n } };
  }
  const drop = /\bpg_drop_replication_slot\s*\(\s*'([^']+)'\s*\)/i.exec(sql);
  if (drop) {
    const node = dbCheck('drop-replication-slot', 'pg_drop_replication_slot');
    if (isFail(node)) return node;
    if (!hasDisk(node)) return fail(`${host} has no disk volume in this system`);
    return { type: 'drop-replication-slot', target: host, params: { slot: drop[1]! } };
  }
  const logLevel = /^\s*ALTER\s+SYSTEM\s+SET\s+log_min_messages\s*(?:=|TO)\s*'?(\w+?)'?\s*(?:;.*)?$/i.exec(
    sql,
  );
  if (logLevel) {
    const node = dbCheck('set-log-level', 'ALTER SYSTEM SET log_min_messages');
    if (isFail(node)) return node;
    if (!hasDisk(node)) return fail(`${host} has no disk volume in this system`);
    const raw = logLevel[1]!.toLowerCase();
    const level = /^debug[1-5]?$/.test(raw) ? 'debug' : LOG_LEVELS[raw];
    if (!level) return fail(`log_min_messages must be debug1-5, info, notice, warning or error, not ${raw}`);
    return { type: 'set-log-level', target: host, params: { level } };
  }
  if (/^\s*(SELECT|SHOW|EXPLAIN|WITH|\\)/i.test(sql))
    return fail('psql: this query only reads: run it in the Shell tab');
  return fail(
    "psql: the statements that change something here are pg_terminate_backend / pg_cancel_backend on slow queries, ALTER SYSTEM SET max_connections = N, ALTER SYSTEM SET log_min_messages = LEVEL and pg_drop_replication_slot('SLOT')",
  );
}

// --- aws rds ---------------------------------------------------------------------------------

function aws(words: readonly string[], ctx: Context): Built {
  if (words[0] === 'route53') return route53(words.slice(1), ctx);
  if (words[0] === 'route53-recovery-cluster') return routingControl(words.slice(1), ctx);
  const a = args(
    words,
    [
      '--db-instance-identifier',
      '--db-instance-class',
      '--allocated-storage',
      '--iops',
      '--region',
      '--profile',
      '--output',
    ],
    ['--apply-immediately', '--no-apply-immediately', '--force-failover', '--no-force-failover'],
    {},
    'aws',
  );
  if (isFail(a)) return a;
  const [service, op, extra] = a.positional;
  if (service !== 'rds')
    return fail(
      `aws ${service ?? ''}: only aws rds, route53 and route53-recovery-cluster change something here`.replace(
        '  ',
        ' ',
      ),
      ['rds', 'route53', 'route53-recovery-cluster'],
    );
  if (extra !== undefined) return fail(`aws rds: unexpected argument ${extra}`);
  if (op?.startsWith('describe-')) return fail(`aws rds ${op}: ${READ_ONLY_HINT}`);
  const id = str(a, '--db-instance-identifier');
  const dbs = ctx.topo.nodes
    .filter((n) => n.kind === 'database')
    .map((n) => `--db-instance-identifier ${n.id}`);
  const need = (type: ActionType, what: string): ScenarioNode | Fail => {
    if (id === undefined) return fail(`aws rds ${op}: --db-instance-identifier NAME is required`, dbs);
    const node = ctx.check(id, type, what, '');
    if (isFail(node) && !ctx.node(id)) return fail(`DBInstanceNotFound: ${id}`, dbs);
    return node;
  };
  if (op === 'reboot-db-instance') {
    const node = need('failover', 'aws rds reboot-db-instance');
    if (isFail(node)) return node;
    if (!a.flags.has('--force-failover'))
      return fail(
        'aws rds reboot-db-instance: a plain reboot is not an action here; add --force-failover to fail over to the standby',
      );
    return { type: 'failover', target: node.id };
  }
  if (op === 'modify-db-instance' && (a.flags.has('--allocated-storage') || a.flags.has('--iops'))) {
    const changes = ['--db-instance-class', '--allocated-storage', '--iops'].filter((f) => a.flags.has(f));
    if (changes.length > 1)
      return fail(`aws rds modify-db-instance: one change per command here (${changes.join(', ')})`);
    const storage = a.flags.has('--allocated-storage');
    const type: ActionType = storage ? 'expand-volume' : 'raise-iops';
    const node = need(type, 'aws rds modify-db-instance');
    if (isFail(node)) return node;
    if (!hasDisk(node)) return fail(`${node.id} has no disk volume in this system`);
    if (!a.flags.has('--apply-immediately'))
      return fail(
        'aws rds modify-db-instance: without --apply-immediately the change waits for the next maintenance window; add --apply-immediately',
      );
    const flag = storage ? '--allocated-storage' : '--iops';
    const n = wholeNumber(flag, str(a, flag), ACTION_CATALOG[type].params[storage ? 'sizeGb' : 'iops']);
    if (isFail(n)) return n;
    return storage
      ? { type, target: node.id, params: { sizeGb: n } }
      : { type, target: node.id, params: { iops: n } };
  }
  if (op === 'modify-db-instance') {
    const node = need('resize-database', 'aws rds modify-db-instance');
    if (isFail(node)) return node;
    const clsName = str(a, '--db-instance-class');
    if (clsName === undefined)
      return fail(
        'aws rds modify-db-instance: --db-instance-class CLASS is required',
        RDS_CLASSES.map((c) => c.name),
      );
    const cls = rdsClass(clsName);
    if (!cls) {
      const near = closest(
        clsName,
        RDS_CLASSES.map((c) => c.name),
      );
      return fail(
        `InvalidParameterCombination: unknown DB instance class ${clsName}${near ? ` (did you mean ${near}?)` : ''}`,
        near ? [near] : undefined,
      );
    }
    if (!a.flags.has('--apply-immediately'))
      return fail(
        'aws rds modify-db-instance: without --apply-immediately the change waits for the next maintenance window; add --apply-immediately',
      );
    return {
      type: 'resize-database',
      target: node.id,
      params: { cores: cls.vcpus, maxConnections: cls.maxConnections },
    };
  }
  return fail(
    `aws rds ${op ?? ''}: not an action here (modify-db-instance, reboot-db-instance --force-failover)`.replace(
      ' :',
      ':',
    ),
    ['modify-db-instance', 'reboot-db-instance'],
  );
}

// --- aws route53 (weighted records) and Route 53 ARC (routing controls) -----------------------

/** The routers' weighted records: `Name` is the router, `SetIdentifier` the target. */
function route53(words: readonly string[], ctx: Context): Built {
  const a = args(
    words,
    ['--hosted-zone-id', '--change-batch', '--region', '--profile', '--output'],
    [],
    {},
    'aws route53',
  );
  if (isFail(a)) return a;
  const [op, extra] = a.positional;
  if (op?.startsWith('list-') || op?.startsWith('get-')) return fail(`aws route53 ${op}: ${READ_ONLY_HINT}`);
  if (op !== 'change-resource-record-sets')
    return fail(
      `aws route53 ${op ?? ''}: not an action here (change-resource-record-sets)`.replace(' :', ':'),
      ['change-resource-record-sets'],
    );
  if (extra !== undefined) return fail(`aws route53: unexpected argument ${extra}`);
  const routes = commandEntries(ctx.topo)
    .filter((e) => e.command.type === 'set-route-weight')
    .map((e) => e.line);
  if (str(a, '--hosted-zone-id') === undefined)
    return fail('aws route53 change-resource-record-sets: --hosted-zone-id ZONE is required', routes);
  const text = str(a, '--change-batch');
  if (text === undefined)
    return fail('aws route53 change-resource-record-sets: --change-batch JSON is required', routes);
  let batch: unknown;
  try {
    batch = JSON.parse(text);
  } catch {
    return fail('InvalidChangeBatch: --change-batch is not valid JSON', routes);
  }
  const changes = (batch as { Changes?: unknown } | null)?.Changes;
  if (!Array.isArray(changes) || changes.length !== 1)
    return fail('InvalidChangeBatch: one change per command here ("Changes": [ {...} ])', routes);
  const change = changes[0] as { Action?: unknown; ResourceRecordSet?: Record<string, unknown> } | null;
  if (change?.Action !== 'UPSERT')
    return fail(
      'InvalidChangeBatch: only "Action": "UPSERT" of a weighted record changes a weight here',
      routes,
    );
  const record = change.ResourceRecordSet ?? {};
  // Route 53 prints names fully qualified ("front-door."); either form names the router.
  const router = typeof record.Name === 'string' ? record.Name.replace(/\.$/, '') : record.Name;
  const id = record.SetIdentifier;
  const weight = record.Weight;
  if (typeof router !== 'string' || typeof id !== 'string')
    return fail(
      'InvalidChangeBatch: the record needs "Name" (the router) and "SetIdentifier" (the target)',
      routes,
    );
  if (typeof weight !== 'number' || !Number.isInteger(weight) || weight < 0 || weight > 255)
    return fail('InvalidInput: "Weight" must be a whole number 0-255', routes);
  const edge = ctx.topo.edges.find((e) => e.from === router && e.to === id);
  if (!edge || edge.weight === undefined)
    return fail(`NoSuchHostedZone or record: ${router} has no weighted record "${id}"`, routes);
  return { type: 'set-route-weight', target: `${router}->${id}`, params: { weight } };
}

/** Route 53 ARC: a region's routing control Off evacuates it (drain-region). */
function routingControl(words: readonly string[], ctx: Context): Built {
  const a = args(
    words,
    ['--routing-control-arn', '--routing-control-state', '--region', '--profile', '--output'],
    [],
    {},
    'aws route53-recovery-cluster',
  );
  if (isFail(a)) return a;
  const [op, extra] = a.positional;
  const drains = commandEntries(ctx.topo)
    .filter((e) => e.command.type === 'drain-region')
    .map((e) => e.line);
  if (op?.startsWith('get-') || op?.startsWith('list-'))
    return fail(`aws route53-recovery-cluster ${op}: ${READ_ONLY_HINT}`);
  if (op !== 'update-routing-control-state')
    return fail(
      `aws route53-recovery-cluster ${op ?? ''}: not an action here (update-routing-control-state)`.replace(
        ' :',
        ':',
      ),
      drains,
    );
  if (extra !== undefined) return fail(`aws route53-recovery-cluster: unexpected argument ${extra}`);
  const arn = str(a, '--routing-control-arn');
  const m = arn === undefined ? null : /controlpanel\/([^/]+)\/routingcontrol\/([^/]+)$/.exec(arn);
  if (!m)
    return fail('--routing-control-arn ...:controlpanel/ROUTER/routingcontrol/REGION is required', drains);
  const state = str(a, '--routing-control-state');
  if (state === 'On')
    return fail(
      "routing control On: to bring a region back, set its targets' weights (aws route53 change-resource-record-sets)",
      commandEntries(ctx.topo)
        .filter((e) => e.command.type === 'set-route-weight')
        .map((e) => e.line),
    );
  if (state !== 'Off') return fail('--routing-control-state must be On or Off', drains);
  const node = ctx.check(m[1]!, 'drain-region', 'a routing control', '');
  if (isFail(node)) return node;
  return { type: 'drain-region', target: node.id, params: { region: m[2]! } };
}

// --- consul kv -------------------------------------------------------------------------------

/** The runtime config keys the services watch: per call, and per node. */
const EDGE_KEYS: Readonly<Record<string, ActionType>> = {
  timeout: 'set-timeout',
  retries: 'set-retries',
  'retry-budget': 'set-retry-budget',
  'pool-size': 'set-pool-size',
  'rate-limit': 'set-rate-limit',
  breaker: 'open-breaker',
  'readiness-probe': 'shallow-health-check',
};
const NODE_KEYS: Readonly<Record<string, ActionType>> = {
  threads: 'set-pool-size',
  'block-payload': 'block-payload',
  'rate-limit': 'set-rate-limit',
  'cache-coalesce': 'set-cache-policy',
  'cache-ttl-jitter': 'set-cache-policy',
};
export const CONFIG_KEYS = { edge: Object.keys(EDGE_KEYS), node: Object.keys(NODE_KEYS) };

function consul(words: readonly string[], ctx: Context): Built {
  const [kv, verb, key, value, extra] = words;
  if (kv !== 'kv') return fail('consul: only "consul kv put KEY VALUE" changes something here', ['kv']);
  if (verb === 'get') return fail(`consul kv get: ${READ_ONLY_HINT}`);
  if (verb !== 'put') return fail(`consul kv: expected put${verb ? `, not ${verb}` : ''}`, ['put']);
  if (!key || value === undefined)
    return fail('consul kv put: expected KEY VALUE, e.g. config/CALLER/CALLEE/timeout 2s');
  if (extra !== undefined) return fail(`consul kv put: unexpected argument ${extra}`);
  const parts = key.split('/');
  if (parts[0] !== 'config' || parts.length < 3 || parts.length > 4)
    return fail(`${key}: the runtime config keys are config/CALLER/CALLEE/SETTING and config/NAME/SETTING`);
  if (parts.length === 4) {
    const [, from, to, setting] = parts as [string, string, string, string];
    if (!ctx.node(from)) return fail(`config/${from}: ${from} not found`, near(from, ctx));
    if (!ctx.topo.edges.some((e) => e.from === from && e.to === to)) {
      const callees = ctx.topo.edges
        .filter((e) => e.from === from)
        .map((e) => `config/${from}/${e.to}/${setting}`);
      return fail(`config/${from}/${to}: ${from} does not call ${to}`, callees);
    }
    const type = EDGE_KEYS[setting];
    if (!type) return fail(`${setting}: not a call setting (${Object.keys(EDGE_KEYS).join(', ')})`);
    const target = `${from}->${to}`;
    return settingValue(type, target, setting, value);
  }
  const [, name, setting] = parts as [string, string, string];
  const node = ctx.node(name);
  if (!node) return fail(`config/${name}: ${name} not found`, near(name, ctx));
  const type = NODE_KEYS[setting];
  if (!type)
    return fail(
      `${setting}: not a setting of ${name} (${Object.keys(NODE_KEYS).join(', ')}; call settings go under config/${name}/CALLEE/)`,
    );
  if (setting === 'threads' && node.kind !== 'service')
    return fail(
      `${name} is ${withArticle(kindName(node.kind))}: threads apply to services`,
      ctx.commandsFor(name),
    );
  const checked = ctx.check(name, type, `config ${setting}`, '');
  if (isFail(checked)) return checked;
  return settingValue(type, name, setting, value);
}

function near(name: string, ctx: Context): string[] | undefined {
  const n = closest(
    name,
    ctx.topo.nodes.map((x) => x.id),
  );
  return n ? [n] : undefined;
}

function settingValue(type: ActionType, target: string, setting: string, value: string): Built {
  const docs = ACTION_CATALOG[type].params;
  switch (setting) {
    case 'timeout': {
      const s = parseDuration(value);
      if (s === undefined || s <= 0)
        return fail(`timeout must be a duration such as 500ms, 2s or 1m, not ${value}`);
      return { type, target, params: { seconds: s } };
    }
    case 'retries': {
      const n = wholeNumber('retries', value, docs.retries);
      return isFail(n) ? n : { type, target, params: { retries: n } };
    }
    case 'retry-budget': {
      const n = Number(value);
      if (!/^\d+(\.\d+)?$/.test(value) || !(n <= 10))
        return fail(`retry-budget must be retries per call between 0 and 10 (0.1 = 10%), not ${value}`);
      return { type, target, params: { budget: n } };
    }
    case 'pool-size':
    case 'threads': {
      const n = wholeNumber(setting, value, docs.size);
      return isFail(n) ? n : { type, target, params: { size: n } };
    }
    case 'rate-limit': {
      const n = Number(value);
      if (!/^\d+(\.\d+)?$/.test(value) || !Number.isFinite(n))
        return fail(`rate-limit must be requests per second (0 removes the limit), not ${value}`);
      return { type, target, params: { rps: n } };
    }
    case 'block-payload':
      if (value !== 'true')
        return fail(`block-payload can only be set to true (reject the poison payload), not ${value}`);
      return { type, target };
    case 'breaker':
      if (value === 'open') return { type: 'open-breaker', target };
      if (value === 'closed' || value === 'auto') return { type: 'close-breaker', target };
      return fail(`breaker must be open or closed, not ${value}`);
    case 'cache-coalesce':
      if (value !== 'true' && value !== 'false')
        return fail(
          `cache-coalesce must be true (one backing-store read per missing key) or false, not ${value}`,
        );
      return { type, target, params: { coalesce: value === 'true' } };
    case 'cache-ttl-jitter': {
      const n = Number(value);
      if (!/^\d+(\.\d+)?$/.test(value) || n > 1)
        return fail(`cache-ttl-jitter must be a share of the TTL between 0 and 1 (0.2 = 20%), not ${value}`);
      return { type, target, params: { ttlJitter: n } };
    }
    case 'readiness-probe':
      if (value !== 'shallow')
        return fail(
          `readiness-probe can only be set to shallow (stop calling this dependency), not ${value}`,
        );
      return { type, target };
    default:
      return fail(`${setting}: unknown setting`);
  }
}
