/**
 * What a drill's configuration costs per month, from the engine's live view of the nodes (the
 * replicas, cores and memory the changes left), priced by the drill's cost model. Nodes the model
 * does not list cost nothing.
 */
import type { NodeLive } from '../engine/api';
import type { CostModel } from './schema';

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

export function monthlyCost(model: CostModel, live: readonly NodeLive[]): CostBreakdown {
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
