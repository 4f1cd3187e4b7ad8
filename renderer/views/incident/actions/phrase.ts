/**
 * Plain-words phrasing of actions (the timeline, the confirmation) and the palette's older way of
 * typing them: "scale checkout to 12", "rollback payments", "kill slow queries on orders-db".
 */
import type { CommandEntry } from '../../../../simulator/commands';
import type { ActionCommand } from '../../../../simulator/engine/api';

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
    case 'set-retry-budget':
      return `set a retry budget of ${p('budget') ?? '?'} on ${target}`;
    case 'block-payload':
      return `block the poison payload at ${target}`;
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
    case 'raise-memory-limit':
      return `raise memory limit of ${target}${p('memoryMb') ? ` to ${p('memoryMb')} MB` : ' x2'}`;
    case 'resize-database':
      return `resize database ${target}${p('cores') ? ` to ${p('cores')} cores` : ''}`;
    case 'set-cache-maxmemory':
      return `set ${target} maxmemory${p('memoryMb') ? ` to ${p('memoryMb')} MB` : ''}`;
    default:
      return `${type} ${target}`;
  }
}

/** "scale X to N" / "scale X N" / "scale X --replicas=N": a scale with a trainee-chosen count. */
const SCALE = /^scale\s+(?:deploy(?:ment)?\/)?([\w.-]+)\s+(?:to\s+|--replicas[= ])?(\d+)(?:\s+replicas)?$/i;

/**
 * Resolves a plain-words phrase ("rollback payments", "kill slow queries on orders-db", "restart
 * checkout", "scale checkout to 12") to one of the console's commands: every catalog action on
 * every node (commandEntries), never only the scenario's list. Real commands (kubectl ...) go
 * through parseActionCommand instead. Undefined when nothing matches.
 */
export function parseCommand(text: string, entries: readonly CommandEntry[]): ActionCommand | undefined {
  const typed = text.trim().replace(/\s+/g, ' ').toLowerCase();
  if (!typed) return undefined;
  const scale = SCALE.exec(typed);
  if (scale) {
    const [, target, count] = scale;
    const entry = entries.find(
      (e) =>
        (e.command.type === 'scale' || e.command.type === 'scale-dns') &&
        e.command.target.toLowerCase() === target,
    );
    return entry ? { ...entry.command, params: { replicas: Number(count) } } : undefined;
  }
  const exact = entries.find((e) => {
    const said = phrase(e.command.type, e.command.target, e.command.params).toLowerCase();
    return said === typed || said.replace(/^rollout /, '') === typed;
  });
  return exact?.command;
}

/** What the palette's filter searches in an entry: its command, its phrase, its type and node. */
export function haystack(entry: CommandEntry): string {
  const { type, target, params } = entry.command;
  return `${entry.line} ${phrase(type, target, params)} ${type} ${entry.node}`.toLowerCase();
}

/** Filter for the palette list: every word must appear in the haystack (numbers are values to set). */
export function matchesHaystack(hay: string, query: string): boolean {
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => hay.includes(word) || /^\d+$/.test(word));
}

export function matches(entry: CommandEntry, query: string): boolean {
  return matchesHaystack(haystack(entry), query);
}
