/**
 * Disks: a node's volume fills and has a write IOPS limit (docs/architecture.md, "Disks and IO").
 *
 * Only nodes whose scenario entry has a `disk` get one, and they get a slot: the disk arrays are
 * compact (slot -> node), so the pass and the metrics cost nothing for the nodes without a disk.
 * Space is kept in four parts because each goes away differently: data (the start's used space and
 * the baseline growth: it stays), logs (free-disk deletes them), temp files (gone when their writer
 * ends) and retained WAL (gone at the checkpoint after its replication slot is dropped).
 *
 * The pass runs before the demand pass and reads the previous tick's rates (like every queue in
 * the engine, one tick behind). What it hands the capacity pass: `State.diskErr` (share of a
 * node's requests failing "No space left on device": its writes, while the volume is full) and
 * `State.diskWait` (mean IO wait per request: writes wait behind the IOs beyond the provisioned
 * IOPS, a fluid queue). Allocation-free.
 */
import type { ScenarioNode } from '../scenario/schema';
import type { Model } from './compile';
import type { Emit } from './lifecycle';
import type { State } from './state';

/** A log append is merged into IOs of this size (sequential writes). */
export const LOG_KB_PER_IO = 64;
/** Seconds from dropping a replication slot to the checkpoint that removes the WAL it retained. */
export const CHECKPOINT_SECONDS = 60;
/** The same EBS / RDS volume can be modified once per 6 hours. */
export const VOLUME_MODIFY_COOLDOWN = 6 * 3600;
/** IO wait is capped like latency (1 hour): a backlog beyond it is not served in the run anyway. */
const IO_WAIT_CAP = 3600;

export interface DiskModel {
  readonly count: number;
  /** Slot -> node index. */
  readonly node: Int32Array;
  /** Node index -> slot, -1 without a disk. */
  readonly slot: Int32Array;
  /** Mutable: expand-volume. */
  readonly sizeMb: Float64Array;
  readonly initialMb: Float64Array;
  readonly growthMbPerSec: Float64Array;
  readonly logKbPerRequest: Float64Array;
  readonly walKbPerWrite: Float64Array;
  readonly writeShare: Float64Array;
  /** Mutable: raise-iops. */
  readonly iops: Float64Array;
  readonly iosPerWrite: Float64Array;
}

/** The disks of `nodes` (in the model's node order). */
export function compileDisks(nodes: readonly ScenarioNode[]): DiskModel {
  const slot = new Int32Array(nodes.length).fill(-1);
  const owners: number[] = [];
  nodes.forEach((node, i) => {
    if ((node.kind === 'service' || node.kind === 'database') && node.disk) {
      slot[i] = owners.length;
      owners.push(i);
    }
  });
  const count = owners.length;
  const f = () => new Float64Array(count);
  const d: DiskModel = {
    count,
    node: Int32Array.from(owners),
    slot,
    sizeMb: f(),
    initialMb: f(),
    growthMbPerSec: f(),
    logKbPerRequest: f(),
    walKbPerWrite: f(),
    writeShare: f(),
    iops: f(),
    iosPerWrite: f(),
  };
  owners.forEach((i, s) => {
    const node = nodes[i]!;
    const disk = (node.kind === 'service' || node.kind === 'database') && node.disk;
    if (!disk) return;
    d.sizeMb[s] = disk.sizeGb * 1024;
    d.initialMb[s] = Math.min(disk.usedGb, disk.sizeGb) * 1024;
    d.growthMbPerSec[s] = disk.growthMbPerMinute / 60;
    d.logKbPerRequest[s] = disk.logKbPerRequest;
    d.walKbPerWrite[s] = node.kind === 'database' ? disk.walKbPerWrite : 0;
    d.writeShare[s] = disk.writeShare;
    d.iops[s] = disk.iops;
    d.iosPerWrite[s] = disk.iosPerWrite;
  });
  return d;
}

/** Per-disk state, indexed by slot. */
export class DiskState {
  readonly dataMb: Float64Array;
  readonly logMb: Float64Array;
  readonly tempMb: Float64Array;
  readonly walMb: Float64Array;
  /** Free space (disk_avail_mb) and the size (the model's array, which expand-volume changes). */
  readonly availMb: Float64Array;
  readonly sizeMb: Float64Array;
  /** Write IOs waiting for the device. */
  readonly ioBacklog: Float64Array;
  /** Seconds a write waits for the IOs ahead of it (disk_io_wait_seconds). */
  readonly ioWait: Float64Array;
  /** Write IOs completed per second (disk_write_iops). */
  readonly writeIops: Float64Array;
  /** Share of the second the device was busy (disk_io_utilization; node_disk_io_time_seconds_total). */
  readonly ioUtil: Float64Array;
  readonly full: Uint8Array;
  /** Fault effects (fault-effects.ts fold): debug log KB per request, temp MB per second, a slot retaining WAL. */
  readonly fLogKb: Float64Array;
  readonly fTempMbPerSec: Float64Array;
  readonly fSlot: Uint8Array;
  /** When each volume was last modified (expand-volume's 6-hour cooldown). */
  readonly lastModified: Float64Array;

  constructor(disk: DiskModel) {
    const f = () => new Float64Array(disk.count);
    this.dataMb = Float64Array.from(disk.initialMb);
    this.logMb = f();
    this.tempMb = f();
    this.walMb = f();
    this.availMb = Float64Array.from(disk.sizeMb, (size, s) => size - disk.initialMb[s]!);
    this.sizeMb = disk.sizeMb;
    this.ioBacklog = f();
    this.ioWait = f();
    this.writeIops = f();
    this.ioUtil = f();
    this.full = new Uint8Array(disk.count);
    this.fLogKb = f();
    this.fTempMbPerSec = f();
    this.fSlot = new Uint8Array(disk.count);
    this.lastModified = f().fill(-Infinity);
  }

  usedMb(s: number): number {
    return this.dataMb[s]! + this.logMb[s]! + this.tempMb[s]! + this.walMb[s]!;
  }
}

/**
 * One tick of every disk: fill (baseline, logs per request, temp files, retained WAL per write) up
 * to the size, then the write IOs against the provisioned IOPS. Writes this tick's diskErr and
 * diskWait for the capacity pass. Emits an event when a volume becomes full or has room again.
 */
export function diskPass(model: Model, st: State, dt: number, emit: Emit): void {
  const disk = model.disk;
  const ds = st.disk;
  const { node, sizeMb, growthMbPerSec, logKbPerRequest, walKbPerWrite, writeShare, iops, iosPerWrite } =
    disk;
  const { dataMb, logMb, tempMb, walMb, ioBacklog, fLogKb, fTempMbPerSec, fSlot } = ds;
  for (let s = 0; s < disk.count; s++) {
    const i = node[s]!;
    const rate = st.procRate[i]!;
    const wasFull = ds.full[s] === 1;
    // Writes that failed for lack of space wrote nothing; reads and the logs of failed writes do.
    const writes = wasFull ? 0 : rate * writeShare[s]!;
    const logKbPerSec = rate * (logKbPerRequest[s]! + fLogKb[s]!);
    // What wants space this tick, part by part.
    const dData = growthMbPerSec[s]! * dt;
    const dLog = (logKbPerSec * dt) / 1024;
    const dTemp = fTempMbPerSec[s]! * dt;
    const dWal = fSlot[s] === 1 ? (writes * walKbPerWrite[s]! * dt) / 1024 : 0;
    // A writer that ended took its temp files with it.
    if (fTempMbPerSec[s] === 0) tempMb[s] = 0;
    const size = sizeMb[s]!;
    const used = dataMb[s]! + logMb[s]! + tempMb[s]! + walMb[s]!;
    const want = dData + dLog + dTemp + dWal;
    const room = size - used;
    // Past the size nothing more is written: each part gets its share of the room left.
    const k = want <= 0 || want <= room ? 1 : room > 0 ? room / want : 0;
    dataMb[s]! += dData * k;
    logMb[s]! += dLog * k;
    tempMb[s]! += dTemp * k;
    walMb[s]! += dWal * k;
    const now = used + want * k;
    const avail = size - now;
    ds.availMb[s] = avail > 0 ? avail : 0;
    const full = avail <= size * 1e-9;
    if (full !== wasFull) {
      ds.full[s] = full ? 1 : 0;
      emit(
        'note',
        i,
        full
          ? `${model.ids[i]}: volume full (${Math.round(size / 1024)} GB): writes fail with "No space left on device"`
          : `${model.ids[i]}: volume has free space again; writes succeed`,
        true,
      );
    }
    // Write IOs against the provisioned IOPS: a fluid queue of IOs.
    const demand = (full ? 0 : rate * writeShare[s]! * iosPerWrite[s]!) + logKbPerSec / LOG_KB_PER_IO;
    const cap = iops[s]!;
    const before = ioBacklog[s]!;
    let backlog = before + (demand - cap) * dt;
    if (backlog < 0) backlog = 0;
    if (backlog > cap * IO_WAIT_CAP) backlog = cap * IO_WAIT_CAP;
    ioBacklog[s] = backlog;
    ds.writeIops[s] = Math.min(cap, demand + before / dt);
    ds.ioUtil[s] = backlog > 0 ? 1 : Math.min(1, demand / cap);
    const wait = backlog / cap;
    ds.ioWait[s] = wait;
    const share = writeShare[s]!;
    st.diskWait[i] = share * wait;
    st.diskErr[i] = full ? share : 0;
  }
}
