/**
 * The units the real tools take: Kubernetes resource quantities (500m, 2, 512Mi, 2Gi), Redis
 * memory sizes (1gb, 512mb, 100000), Go-style durations as Envoy and Consul configs write them
 * (500ms, 2s, 1m), and the RDS instance classes a database can be resized to.
 */

const MIB = 1024 * 1024;

/** Binary and decimal suffixes of a Kubernetes quantity, as multipliers of one byte (or core). */
const K8S_SUFFIX: Readonly<Record<string, number>> = {
  '': 1,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  Ki: 1024,
  Mi: MIB,
  Gi: 1024 * MIB,
  Ti: 1024 * 1024 * MIB,
};

/** A Kubernetes quantity ("500m", "2", "1.5", "512Mi", "2Gi") as a plain number; undefined if malformed. */
export function parseK8sQuantity(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?|\.\d+)(m|k|M|G|T|Ki|Mi|Gi|Ti)?$/.exec(text);
  if (!m) return undefined;
  return Number(m[1]) * K8S_SUFFIX[m[2] ?? '']!;
}

/** CPU cores from a quantity: "500m" = 0.5, "2" = 2. */
export function parseCpu(text: string): number | undefined {
  const v = parseK8sQuantity(text);
  return v === undefined || /[KMGT]/.test(text) ? undefined : v;
}

/** Memory in MiB from a quantity: "512Mi" = 512, "2Gi" = 2048, "1G" = 953.67. Milli-bytes are refused. */
export function parseMemoryMb(text: string): number | undefined {
  if (/m$/.test(text)) return undefined;
  const v = parseK8sQuantity(text);
  return v === undefined ? undefined : v / MIB;
}

/** The Kubernetes way to write a memory size in MiB: "2Gi" when whole, else "1536Mi". */
export function formatMemoryMb(mb: number): string {
  return mb >= 1024 && mb % 1024 === 0 ? `${mb / 1024}Gi` : `${round(mb)}Mi`;
}

/** Cores as Kubernetes writes them: "2", "1.5", "500m". */
export function formatCpu(cores: number): string {
  return cores >= 1 ? String(round(cores)) : `${Math.round(cores * 1000)}m`;
}

/**
 * Redis memory units (redis.conf): "1k" = 1000 bytes, "1kb" = 1024, likewise m/mb and g/gb, any
 * case; a bare number is bytes. Returns MiB.
 */
export function parseRedisMemoryMb(text: string): number | undefined {
  const m = /^(\d+)(k|kb|m|mb|g|gb)?$/i.exec(text);
  if (!m) return undefined;
  const unit = (m[2] ?? '').toLowerCase();
  const mult: Readonly<Record<string, number>> = {
    '': 1,
    k: 1e3,
    kb: 1024,
    m: 1e6,
    mb: MIB,
    g: 1e9,
    gb: 1024 * MIB,
  };
  return (Number(m[1]) * mult[unit]!) / MIB;
}

/** A size in MiB the way one would type it to redis-cli: "2gb" when whole, else "1536mb". */
export function formatRedisMemory(mb: number): string {
  return mb >= 1024 && mb % 1024 === 0 ? `${mb / 1024}gb` : `${Math.max(1, Math.round(mb))}mb`;
}

/** "500ms", "2s", "1.5s", "1m", "1h", or a bare number of seconds; returns seconds. */
export function parseDuration(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?|\.\d+)(ms|s|m|h)?$/.exec(text);
  if (!m) return undefined;
  const mult: Readonly<Record<string, number>> = { '': 1, ms: 1e-3, s: 1, m: 60, h: 3600 };
  return Number(m[1]) * mult[m[2] ?? '']!;
}

export function formatDuration(seconds: number): string {
  if (seconds < 1) return `${Math.round(seconds * 1000)}ms`;
  return `${round(seconds)}s`;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** One RDS instance class: vCPUs, memory, and max_connections as RDS PostgreSQL defaults it. */
export interface RdsClass {
  readonly name: string;
  readonly vcpus: number;
  readonly memoryGiB: number;
  readonly maxConnections: number;
}

/**
 * RDS PostgreSQL's default max_connections is LEAST({DBInstanceClassMemory/9531392}, 5000); this
 * uses the class's nominal memory for DBInstanceClassMemory (the real figure is a little lower,
 * after the OS's share), so the numbers are approximate. Formula and class sizes from memory of
 * the AWS documentation, not fetched.
 */
function rdsMaxConnections(memoryGiB: number): number {
  return Math.min(Math.floor((memoryGiB * 1024 * MIB) / 9531392), 5000);
}

/** vCPUs per size name, shared by the m and r families (r has twice the memory per vCPU). */
const SIZES: readonly (readonly [string, number])[] = [
  ['large', 2],
  ['xlarge', 4],
  ['2xlarge', 8],
  ['4xlarge', 16],
  ['8xlarge', 32],
  ['12xlarge', 48],
  ['16xlarge', 64],
];
/** Families and GiB of memory per vCPU: general purpose (m) 4, memory optimised (r) 8. */
const FAMILIES: readonly (readonly [string, number])[] = [
  ['m5', 4],
  ['m6g', 4],
  ['m6i', 4],
  ['r5', 8],
  ['r6g', 8],
  ['r6i', 8],
];
const BURSTABLE: readonly RdsClass[] = (
  [
    ['db.t3.micro', 2, 1],
    ['db.t3.small', 2, 2],
    ['db.t3.medium', 2, 4],
    ['db.t3.large', 2, 8],
  ] as const
).map(([name, vcpus, memoryGiB]) => ({
  name,
  vcpus,
  memoryGiB,
  maxConnections: rdsMaxConnections(memoryGiB),
}));

export const RDS_CLASSES: readonly RdsClass[] = [
  ...BURSTABLE,
  ...FAMILIES.flatMap(([family, perCpu]) =>
    SIZES.map(([size, vcpus]) => ({
      name: `db.${family}.${size}`,
      vcpus,
      memoryGiB: vcpus * perCpu,
      maxConnections: rdsMaxConnections(vcpus * perCpu),
    })),
  ),
];

export function rdsClass(name: string): RdsClass | undefined {
  return RDS_CLASSES.find((c) => c.name === name.toLowerCase());
}

/** The smallest r6g class with at least `cores` vCPUs (the largest one when none has enough). */
export function rdsClassWithCores(cores: number): RdsClass {
  const r6g = RDS_CLASSES.filter((c) => c.name.startsWith('db.r6g.'));
  return r6g.find((c) => c.vcpus >= cores) ?? r6g[r6g.length - 1]!;
}
