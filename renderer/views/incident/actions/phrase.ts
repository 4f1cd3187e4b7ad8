/**
 * kubectl-like phrasing of the actions a scenario offers, and parsing of typed commands in the
 * command palette ("scale checkout to 12", "rollback payments", "kill slow queries on orders-db").
 */
import type { ActionCommand } from '../../../../simulator/engine/api';
import type { ScenarioAction } from '../../../../simulator/scenario/schema';

type Params = Readonly<Record<string, string | number | boolean>>;

export function phrase(type: string, target: string, params: Params = {}): string {
  const p = (name: string) => params[name];
  switch (type) {
    case 'scale':
      return p('replicas') !== undefined
        ? `scale ${target} to ${p('replicas')}`
        : `scale ${target} by ${Number(p('by') ?? 1) >= 0 ? '+' : ''}${p('by') ?? 1}`;
    case 'set-autoscaler-bounds': {
      const set = [
        p('min') !== undefined ? `minReplicas ${p('min')}` : '',
        p('max') !== undefined ? `maxReplicas ${p('max')}` : '',
        p('target') !== undefined ? `target ${p('target')}` : '',
      ].filter(Boolean);
      return `patch hpa ${target}${set.length ? `: ${set.join(', ')}` : ''}`;
    }
    case 'restart':
      return `rollout restart ${target}`;
    case 'rollback':
      return `rollback ${target}${p('version') ? ` to ${p('version')}` : ''}`;
    case 'kill-queries':
      return `kill slow queries on ${target}`;
    case 'failover':
      return `fail over ${target} to a replica`;
    case 'purge-queue':
      return `purge queue ${target}`;
    case 'expand-queue':
      return `expand ${target} maxmemory${p('memoryMb') ? ` to ${p('memoryMb')} MB` : ' x2'}`;
    case 'set-timeout':
      return `set timeout on ${target} to ${p('seconds') ?? '?'}s`;
    case 'set-retries':
      return `set retries on ${target} to ${p('retries') ?? '?'}`;
    case 'set-pool-size':
      return `set pool size of ${target} to ${p('size') ?? '?'}`;
    case 'set-rate-limit':
      return `rate limit ${target} to ${p('rps') ?? '?'} rps`;
    case 'open-breaker':
      return `open circuit breaker ${target}`;
    case 'close-breaker':
      return `close circuit breaker ${target}`;
    case 'shallow-health-check':
      return `use a shallow readiness probe on ${target}`;
    case 'stop-workload':
      return `stop workload ${target}`;
    case 'scale-dns':
      return `scale ${target} to ${p('replicas') ?? '?'} replicas`;
    case 'enable-dns-cache':
      return `enable node-local DNS cache on ${target}`;
    case 'raise-cpu-limit':
      return `raise CPU limit of ${target}${p('cores') ? ` to ${p('cores')} cores` : ' x2'}`;
    case 'remove-sidecar':
      return `remove sidecar from ${target}`;
    default:
      return `${type} ${target}`;
  }
}

export function actionLabel(action: ScenarioAction): string {
  return action.label ?? phrase(action.type, action.target, action.params);
}

/**
 * The order the console lists offered actions in: by target, then by label. Authors tend to
 * write the right action first; listing them as written would give the answer away.
 */
export function listingOrder(actions: readonly ScenarioAction[]): ScenarioAction[] {
  return [...actions].sort(
    (a, b) => a.target.localeCompare(b.target) || actionLabel(a).localeCompare(actionLabel(b)),
  );
}

/** "scale X to N" / "scale X N" / "scale X --replicas=N": a scale with a trainee-chosen count. */
const SCALE =
  /^(?:kubectl\s+)?scale\s+(?:deploy(?:ment)?\/)?([\w.-]+)\s+(?:to\s+|--replicas[= ])?(\d+)(?:\s+replicas)?$/i;

/**
 * Resolves typed text to a command among the offered actions. Exact phrases match first; a
 * "scale X to N" picks the offered scale action on X with N replicas. Returns undefined when
 * nothing offered matches (the palette then shows the filtered list instead).
 */
export function parseCommand(text: string, offered: readonly ScenarioAction[]): ActionCommand | undefined {
  const typed = text.trim().replace(/\s+/g, ' ').toLowerCase();
  if (!typed) return undefined;
  const exact = offered.find(
    (a) =>
      actionLabel(a).toLowerCase() === typed || phrase(a.type, a.target, a.params).toLowerCase() === typed,
  );
  if (exact) return { type: exact.type, target: exact.target, params: exact.params };
  const scale = SCALE.exec(typed);
  if (scale) {
    const [, target, count] = scale;
    const action = offered.find(
      (a) => (a.type === 'scale' || a.type === 'scale-dns') && a.target.toLowerCase() === target,
    );
    if (action) return { type: action.type, target: action.target, params: { replicas: Number(count) } };
  }
  return undefined;
}

/** Filter for the palette list: every word must appear in the phrase or the target. */
export function matches(action: ScenarioAction, query: string): boolean {
  const hay = `${actionLabel(action)} ${action.type} ${action.target}`.toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => hay.includes(word) || /^\d+$/.test(word));
}
