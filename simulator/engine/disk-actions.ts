/**
 * The actions on a node's volume (ACTION_CATALOG: expand-volume, free-disk, set-log-level,
 * drop-replication-slot, raise-iops), with the delays of the real operations. action-effects.ts
 * has checked the target's kind and the parameters; here a node without a disk is refused.
 */
import type { ActionResult } from './api';
import type { ActionHost } from './action-effects';
import { SERVICE } from './compile';
import { CHECKPOINT_SECONDS, VOLUME_MODIFY_COOLDOWN } from './disk-model';
import { scheduleRollout } from './image-pull';

export type DiskActionType =
  'expand-volume' | 'free-disk' | 'set-log-level' | 'drop-replication-slot' | 'raise-iops';

export interface DiskActionContext {
  readonly node: number;
  readonly target: string;
  readonly params: Readonly<Record<string, number | string | boolean>>;
  /** When the action takes effect (now + its delay). */
  readonly at: number;
  readonly delay: number;
  readonly say: (message: string, effectiveAt: number) => ActionResult;
}

const gb = (mb: number) => `${Math.round((mb / 1024) * 10) / 10} GB`;
const fmt = (s: number) => (s >= 60 && s % 60 === 0 ? `${s / 60} min` : `${Math.round(s * 10) / 10} s`);

export function applyDiskAction(host: ActionHost, type: DiskActionType, c: DiskActionContext): ActionResult {
  const { model, st, faults, emit } = host;
  const { node, target, params, at, delay, say } = c;
  const slot = model.disk.slot[node]!;
  if (slot < 0) return { ok: false, message: `${target} has no disk volume in this system.` };
  const ds = st.disk;
  const inDelay = delay > 0 ? ` in ${fmt(delay)}` : '';
  const later = (text: string, run: () => void) => host.schedule(at, node, text, run);
  switch (type) {
    case 'expand-volume': {
      const size = model.disk.sizeMb[slot]!;
      const want = typeof params.sizeGb === 'number' ? params.sizeGb * 1024 : size * 2;
      if (want <= size)
        return {
          ok: false,
          message: `${target}: a volume can only grow; it is ${gb(size)} already (asked for ${gb(want)}).`,
        };
      const since = host.now() - ds.lastModified[slot]!;
      if (since < VOLUME_MODIFY_COOLDOWN)
        return {
          ok: false,
          message: `${target}: the volume was modified ${fmt(Math.round(since))} ago; EBS allows one modification per volume every 6 hours.`,
        };
      ds.lastModified[slot] = host.now();
      later(`${target} volume expanded to ${gb(want)}`, () => {
        model.disk.sizeMb[slot] = want;
      });
      return say(`Expanding the volume of ${target} from ${gb(size)} to ${gb(want)}: usable${inDelay}.`, at);
    }
    case 'free-disk': {
      later(`old logs on ${target} deleted`, () => {
        const freed = ds.logMb[slot]!;
        ds.logMb[slot] = 0;
        emit('action-effective', node, `${target}: ${gb(freed)} of logs deleted`, false);
      });
      return say(
        `Deleting the rotated logs and truncating the live ones on ${target}${inDelay}: ${gb(ds.logMb[slot]!)} of logs now.`,
        at,
      );
    }
    case 'set-log-level': {
      const level = typeof params.level === 'string' ? params.level : 'info';
      // A service reads LOG_LEVEL at start: a rolling restart. A database reloads its config.
      const rollout = model.kind[node] === SERVICE ? model.coldStart[node]! : 0;
      scheduleRollout(host, node, at, rollout, `${target} logs at ${level}`, () => {
        const now = host.now();
        if (level === 'debug') {
          if (!faults.isActive(target, 'debug-logging'))
            faults.add({
              type: 'debug-logging',
              target,
              at: now,
              note: 'log level set to debug by an action',
            });
        } else faults.clear(target, ['debug-logging'], now);
      });
      const how =
        rollout > 0 ? `a rolling restart done in about ${fmt(delay + rollout)}` : `at once${inDelay}`;
      return say(`Setting the log level of ${target} to ${level}: ${how}.`, at + rollout);
    }
    case 'drop-replication-slot': {
      const active = faults.faults.find(
        (f) => f.state === 'active' && f.type === 'replication-slot' && f.index === node,
      );
      const name =
        typeof params.slot === 'string' ? params.slot : String(active?.params.slot ?? 'analytics_slot');
      if (
        !active ||
        (typeof params.slot === 'string' && String(active.params.slot ?? 'analytics_slot') !== name)
      )
        return say(
          `Dropping replication slot ${name} on ${target}: ERROR: replication slot "${name}" does not exist or retains nothing; nothing changes.`,
          at,
        );
      later(`replication slot ${name} on ${target} dropped`, () => {
        faults.clear(target, ['replication-slot'], host.now());
        host.schedule(host.now() + CHECKPOINT_SECONDS, node, `checkpoint on ${target}`, () => {
          const freed = ds.walMb[slot]!;
          ds.walMb[slot] = 0;
          emit('action-effective', node, `${target}: checkpoint removed ${gb(freed)} of retained WAL`, false);
        });
      });
      return say(
        `Dropping replication slot ${name} on ${target}${inDelay}: the ${gb(ds.walMb[slot]!)} of WAL it retains goes at the next checkpoint, in about ${fmt(CHECKPOINT_SECONDS)}.`,
        at + CHECKPOINT_SECONDS,
      );
    }
    case 'raise-iops': {
      const iops = params.iops as number;
      const before = model.disk.iops[slot]!;
      later(`${target} provisioned IOPS set to ${iops}`, () => {
        model.disk.iops[slot] = iops;
      });
      return say(`Changing the provisioned IOPS of ${target} from ${before} to ${iops}${inDelay}.`, at);
    }
  }
}
