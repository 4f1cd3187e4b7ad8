/**
 * What a drill's configuration costs per month, from the engine's live view of the nodes (the
 * replicas, cores and memory the changes left), priced by the drill's cost model. Nodes the model
 * does not list cost nothing.
 */
import type { NodeLive } from '../engine/api';
import type { CostModel } from './schema';
import { addedNodeId, type DrillCommand } from './system-changes';

export interface CostLine {
  readonly item: string;
  /** e.g. "6 replicas x 1 core", "db.r6g.2xlarge", "2 GB". */
  readonly detail: string;
  readonly monthly: number;
}

export interface CostBreakdown {
  readonly lines: readonly CostLine[];
  readonly monthly: number;
}

/** A node's mean throughput over the expected peak, and the KB per request of a queue (per-use prices). */
export interface PeakUsage {
  readonly rate: number;
  readonly messageKb?: number;
}

const compact = (x: number) =>
  x.toLocaleString('en-US', { maximumFractionDigits: x >= 100 ? 0 : x >= 10 ? 1 : 2 });

/** The per-use line of one node: its peak throughput billed for the model's peak hours. */
function usageLine(model: CostModel, id: string, usage: PeakUsage): CostLine | undefined {
  const price = model.usage[id];
  if (!price) return undefined;
  const hours = model.peakHoursPerMonth ?? model.hoursPerMonth;
  const requests = usage.rate * 3600 * hours;
  const kb = price.kbPerRequest ?? usage.messageKb ?? 0;
  const gb = (requests * kb) / (1024 * 1024);
  const monthly =
    (requests / 1e6) * price.perMillionRequests + requests * price.perRequest + gb * price.perGb;
  const volume = price.perGb > 0 ? `${compact(gb)} GB` : `${compact(requests / 1e6)}M requests`;
  return {
    item: `${id} (usage)`,
    detail: `${compact(usage.rate)} req/s at the expected peak x ${compact(hours)} h = ${volume} a month`,
    monthly,
  };
}

export function monthlyCost(
  model: CostModel,
  live: readonly NodeLive[],
  usage: ReadonlyMap<string, PeakUsage> = new Map(),
): CostBreakdown {
  const hours = model.hoursPerMonth;
  const lines: CostLine[] = [];
  for (const node of live) {
    const service = model.services[node.id];
    if (service && node.replicas !== undefined) {
      const cores = node.cpu ?? 0;
      const perReplica = service.perReplicaHour + cores * service.perCoreHour;
      lines.push({
        item: node.id,
        detail: `${node.replicas} replica${node.replicas === 1 ? '' : 's'}${service.perCoreHour > 0 ? ` x ${cores} core${cores === 1 ? '' : 's'}` : ''}`,
        monthly: node.replicas * perReplica * hours,
      });
    }
    const database = model.databases[node.id];
    if (database && node.cpu !== undefined) {
      const classes = [...database.classes].sort((a, b) => a.cores - b.cores);
      const fit = classes.find((c) => c.cores >= node.cpu! - 1e-9);
      const largest = classes[classes.length - 1]!;
      // Past the largest class listed: priced per core at the largest class's rate.
      const perHour = fit ? fit.perHour : (largest.perHour / largest.cores) * node.cpu;
      lines.push({
        item: node.id,
        detail: fit ? `${fit.name} (${fit.cores} cores)` : `${node.cpu} cores (beyond ${largest.name})`,
        monthly: perHour * hours,
      });
    }
    const cache = model.caches[node.id];
    if (cache && node.maxMemoryMb !== undefined) {
      const gb = node.maxMemoryMb / 1024;
      lines.push({
        item: node.id,
        detail: `${Number(gb.toFixed(2))} GB`,
        monthly: gb * cache.perGbHour * hours,
      });
    }
    const quota = model.quotas[node.id];
    if (quota && node.rateLimit !== undefined) {
      const plans = [...quota.plans].sort((a, b) => a.rateLimit - b.rateLimit);
      const fit = plans.find((p) => p.rateLimit >= node.rateLimit! - 1e-9);
      const largest = plans[plans.length - 1]!;
      // Past the largest plan listed: priced per request/s at the largest plan's rate.
      const perHour = fit ? fit.perHour : (largest.perHour / largest.rateLimit) * node.rateLimit;
      lines.push({
        item: node.id,
        detail: `${fit ? fit.name : `beyond ${largest.name}`} (${node.rateLimit} req/s quota)`,
        monthly: perHour * hours,
      });
    }
  }
  for (const [id, u] of usage) {
    const line = usageLine(model, id, u);
    if (line) lines.push(line);
  }
  for (const f of model.fixed) lines.push({ item: f.name, detail: 'fixed', monthly: f.perHour * hours });
  return { lines, monthly: lines.reduce((s, l) => s + l.monthly, 0) };
}

export function formatMoney(amount: number, currency: string): string {
  const sign = amount < 0 ? '-' : '';
  const abs = Math.abs(amount);
  const text = abs.toLocaleString('en-US', { minimumFractionDigits: 0, maximumFractionDigits: 0 });
  return currency === 'USD' ? `${sign}$${text}` : `${sign}${text} ${currency}`;
}

/**
 * The cost model with prices for the read replicas that changes added and the model does not list:
 * each replica costs the primary's class for its cores, so N replicas are N times that class.
 */
export function withAddedPrices(model: CostModel, changes: readonly DrillCommand[]): CostModel {
  let databases = model.databases;
  for (const c of changes) {
    if (c.type !== 'add-read-replica') continue;
    const id = addedNodeId(c)!;
    const primary = model.databases[c.target.split('->').pop()!.trim()];
    if (!primary || databases[id]) continue;
    const n = typeof c.params?.replicas === 'number' ? c.params.replicas : 1;
    const classes = primary.classes.map((k) => ({
      name: n === 1 ? k.name : `${n} x ${k.name}`,
      cores: k.cores * n,
      perHour: k.perHour * n,
    }));
    databases = { ...databases, [id]: { classes } };
  }
  return databases === model.databases ? model : { ...model, databases };
}
