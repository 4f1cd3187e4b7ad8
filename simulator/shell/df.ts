/**
 * `kubectl exec POD -- df -h`: the volume of a node with a disk (disk-model.ts), as GNU df prints
 * it, from the node's disk_size_mb and disk_avail_mb now. The pod's root overlay is listed too,
 * with a fixed size: it is not part of the model. Other commands in a pod are not available here.
 */
import { fail, finite, ok, type ShellContext, type ShellResult } from './context';

const MIB = 1024 * 1024;
/** The container's root filesystem: fixed, never full (the model has no such disk). */
const OVERLAY_BYTES = 100 * 1024 ** 3;
const OVERLAY_USED = 12.4 * 1024 ** 3;

/** GNU df -h: powers of 1024, rounded up, one decimal below 10 ("2.0T", "88G", "0"). */
export function humanSize(bytes: number): string {
  if (bytes <= 0) return '0';
  const units = ['', 'K', 'M', 'G', 'T', 'P'];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  if (u === 0) return String(Math.ceil(v));
  if (v < 10) {
    const r = Math.ceil(v * 10) / 10;
    return r >= 10 ? `10${units[u]}` : `${r.toFixed(1)}${units[u]}`;
  }
  const r = Math.ceil(v);
  return r >= 1024 && u < units.length - 1 ? `1.0${units[u + 1]}` : `${r}${units[u]}`;
}

/** A pod, deployment or statefulset name (deploy/x, x-0, x-7d9f-x2x4q) as a node id, if one matches. */
function nodeOf(ctx: ShellContext, target: string): string | undefined {
  const name = target.includes('/') ? target.slice(target.indexOf('/') + 1) : target;
  const ids = new Set(ctx.scenario.nodes.map((n) => n.id));
  for (const id of [name, name.replace(/-\d+$/, ''), name.replace(/-[a-z0-9]+-[a-z0-9]+$/, '')])
    if (ids.has(id)) return id;
  return undefined;
}

/** `kubectl exec TARGET -- COMMAND...`: df answers; anything else is not available in this console. */
export function kubectlExec(ctx: ShellContext, args: readonly string[]): ShellResult {
  const dash = args.indexOf('--');
  const before = (dash >= 0 ? args.slice(0, dash) : args).filter((a) => !a.startsWith('-'));
  const command = dash >= 0 ? args.slice(dash + 1) : [];
  const target = before[0];
  if (!target || command.length === 0)
    return fail('error: you must specify the pod and the command: kubectl exec POD -- COMMAND [args...]');
  if (command[0] !== 'df')
    return fail(`error: exec ${command[0]} is not available in this console: it runs df only (see help)`);
  const id = nodeOf(ctx, target);
  if (!id) return fail(`Error from server (NotFound): pods "${target}" not found`);
  const size = finite(ctx.metric('disk_size_mb', id), NaN) * MIB;
  const avail = finite(ctx.metric('disk_avail_mb', id), NaN) * MIB;
  const human = command.includes('-h') || command.includes('-H');
  const fmt = (b: number) => (human ? humanSize(b) : String(Math.ceil(b / 1024)));
  const rows: string[][] = [
    ['Filesystem', human ? 'Size' : '1K-blocks', 'Used', 'Avail', 'Use%', 'Mounted on'],
    [
      'overlay',
      fmt(OVERLAY_BYTES),
      fmt(OVERLAY_USED),
      fmt(OVERLAY_BYTES - OVERLAY_USED),
      pct(OVERLAY_USED, OVERLAY_BYTES - OVERLAY_USED),
      '/',
    ],
  ];
  if (Number.isFinite(size) && Number.isFinite(avail)) {
    const used = Math.max(0, size - avail);
    rows.push(['/dev/nvme1n1', fmt(size), fmt(used), fmt(avail), pct(used, avail), '/data']);
  }
  return ok(table(rows));
}

/** df's Use%: used over used + available, rounded up. */
function pct(used: number, avail: number): string {
  const total = used + avail;
  return `${total > 0 ? Math.ceil((used / total) * 100) : 0}%`;
}

/** df's columns: the first and last left-aligned, the numbers right-aligned. */
function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows
    .map((r) =>
      r
        .map((cell, c) =>
          c === 0 ? cell.padEnd(widths[c]!) : c === r.length - 1 ? cell : cell.padStart(widths[c]!),
        )
        .join(' '),
    )
    .join('\n');
}
