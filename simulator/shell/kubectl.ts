/** kubectl: the read-only subcommands, kubectl's own errors for the rest. */
import { fail, ok, type ShellContext, type ShellResult } from './context';
import { parseKubectlArgs } from './kubectl-args';
import { kubectlDescribe } from './kubectl-describe';
import { kubectlGet } from './kubectl-get';
import { kubectlLogs, kubectlRollout, kubectlTop } from './kubectl-misc';
import { kubectlExec } from './df';
import { mutatingCommand } from './mutating';

export const KUBECTL_SUBCOMMANDS = ['get', 'describe', 'top', 'logs', 'rollout'] as const;

/** kubectl verbs that change the cluster: the action palette's job. */
const MUTATING = new Set([
  'scale',
  'delete',
  'apply',
  'create',
  'edit',
  'patch',
  'replace',
  'set',
  'label',
  'annotate',
  'autoscale',
  'cordon',
  'uncordon',
  'drain',
  'taint',
  'run',
  'expose',
]);

const USAGE = `kubectl controls the Kubernetes cluster manager.

Basic Commands (read-only in this console):
  get           Display one or many resources (pods, deployments, hpa, events, nodes)
  describe      Show details of a specific resource (pod, deployment, hpa)
  top           Display resource (CPU/memory) usage (pods, nodes)
  logs          Print the logs for a container in a pod
  rollout       Manage the rollout of a resource (history, status)
  exec          Run df in a pod (kubectl exec POD -- df -h)

Usage:
  kubectl [flags] [options]`;

export function kubectl(ctx: ShellContext, words: readonly string[], line: string): ShellResult {
  const [sub, ...rest] = words;
  if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') return ok(USAGE);
  if (sub === 'version')
    return ok('Client Version: v1.31.4\nKustomize Version: v5.4.2\nServer Version: v1.31.4-eks-2d5f260');
  if (MUTATING.has(sub)) return mutatingCommand(line);
  if (sub === 'exec') return kubectlExec(ctx, rest);
  if (sub === 'port-forward' || sub === 'attach' || sub === 'cp' || sub === 'debug') {
    return fail(`error: ${sub} is not available in this console: it is read-only (see help)`);
  }
  if (!(KUBECTL_SUBCOMMANDS as readonly string[]).includes(sub)) {
    return fail(`error: unknown command "${sub}" for "kubectl"\nRun 'kubectl --help' for usage.`);
  }
  const parsed = parseKubectlArgs(rest, sub);
  if (!parsed.ok) return fail(parsed.error);
  switch (sub) {
    case 'get':
      return kubectlGet(ctx, parsed.args);
    case 'describe':
      return kubectlDescribe(ctx, parsed.args);
    case 'top':
      return kubectlTop(ctx, parsed.args);
    case 'logs':
      return kubectlLogs(ctx, parsed.args);
    default:
      return kubectlRollout(ctx, parsed.args, line);
  }
}
