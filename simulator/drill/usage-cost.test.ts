import { describe, expect, it } from 'vitest';
import { builtinDrill, drillText } from '../test-support/drills';
import { DrillSession } from './session';
import { validateDrill } from './validate';

const pipeline = builtinDrill('log-pipeline-cost.json');
const usageLine = (session: DrillSession, id: string) =>
  session.cost().lines.find((l) => l.item === `${id} (usage)`)!;

interface PipelineJson {
  peak: { clients: { startRate: number; stages: { target: number }[] }[] };
  cost: { usage: Record<string, Record<string, number>> };
}

/** The log-pipeline drill as JSON, changed by `edit`, validated. */
function variant(edit: (json: PipelineJson) => void) {
  const json = JSON.parse(drillText('log-pipeline-cost.json')) as PipelineJson;
  edit(json);
  const result = validateDrill(json);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.drill;
}

describe('per-use prices', () => {
  it("bill a node's mean throughput over the expected peak for the model's peak hours", () => {
    const line = usageLine(new DrillSession(pipeline), 'log-store');
    // The declared peak: 400 -> 1,000 over 10 min, 20 min at 1,000, 1,000 -> 500 over 10 min.
    const mean = (700 * 600 + 1000 * 1200 + 750 * 600) / 2400;
    const gb = (mean * 3600 * 120 * 64) / (1024 * 1024);
    expect(line.monthly / (gb * 0.1)).toBeGreaterThan(0.97);
    expect(line.monthly / (gb * 0.1)).toBeLessThan(1.03);
    expect(line.detail).toMatch(/^86\d req\/s at the expected peak x 120 h = 2\d,\d{3} GB a month$/);
  });

  it('grow with the traffic: twice the forecast, twice the remote-write bill', () => {
    const doubled = variant((json) => {
      for (const c of json.peak.clients) {
        c.startRate *= 2;
        for (const s of c.stages) s.target *= 2;
      }
    });
    const once = usageLine(new DrillSession(pipeline), 'metrics-tsdb').monthly;
    const twice = usageLine(new DrillSession(doubled), 'metrics-tsdb').monthly;
    expect(twice / once).toBeGreaterThan(1.9);
    expect(twice / once).toBeLessThan(2.1);
  });

  it('fall when the collector samples below the peak (fewer GB ingested)', () => {
    const session = new DrillSession(pipeline);
    const before = usageLine(session, 'log-store').monthly;
    const sampled = session.change({
      type: 'set-rate-limit',
      target: 'collector->log-buffer',
      params: { rps: 500 },
    });
    expect(sampled.ok).toBe(true);
    const after = usageLine(session, 'log-store').monthly;
    expect(after / before).toBeLessThan(500 / 800);
    expect(after / before).toBeGreaterThan(0.5);
  });

  it('are validated with JSON paths', () => {
    const json = JSON.parse(drillText('log-pipeline-cost.json')) as PipelineJson;
    json.cost.usage = {
      apps: { perRequest: 0.01 },
      collector: { perGb: 0.1 },
      'log-buffer': { perGb: 0.1 },
      indexer: { perMillionRequests: -1 },
    };
    const result = validateDrill(json);
    expect(result.ok ? [] : result.errors).toEqual([
      { path: 'cost.usage.indexer.perMillionRequests', message: expect.stringMatching(/>=0/) },
    ]);
    json.cost.usage.indexer = { perMillionRequests: 1 };
    const second = validateDrill(json);
    expect(second.ok ? [] : second.errors).toEqual([
      {
        path: 'cost.usage.apps',
        message: "'apps' is a client; cost.usage prices nodes that serve requests",
      },
      {
        path: 'cost.usage.collector.kbPerRequest',
        message: 'is required with perGb (the KB each request carries)',
      },
    ]);
  });
});
