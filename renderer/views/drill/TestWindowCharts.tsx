/**
 * The dashboards of one load test's window: the tested client's traffic, errors and p99, and the
 * utilisation of every resource that saturated, with a mark where each did.
 */
import type uPlot from 'uplot';
import { metricDef } from '../../../simulator/engine/metric-names';
import { RESOURCES } from '../../../simulator/drill/bottlenecks';
import type { Drill } from '../../../simulator/drill/schema';
import type { TestReport } from '../../../simulator/drill/session';
import { LivePlot } from '../incident/dashboard/LivePlot';

const COLORS = ['#58a6ff', '#f0883e', '#a371f7', '#3fb950', '#db61a2', '#e3b341'];
function series(report: TestReport, metric: string, node: string): uPlot.AlignedData {
  const { sim, windowTick } = report.run;
  const index = sim.metrics.find(metric, node);
  const times: number[] = [];
  const values: (number | null)[] = [];
  for (let k = windowTick; k < sim.metrics.length; k++) {
    times.push((k - windowTick) * sim.tickSeconds);
    values.push(index < 0 ? null : sim.metrics.at(index, k));
  }
  return [times, values];
}

function Panel(props: {
  title: string;
  report: TestReport;
  metric: string;
  node: string;
  marks: number[];
  slo?: number;
}) {
  const { report, metric, node, marks, title, slo } = props;
  const data = series(report, metric, node);
  const to = data[0][data[0].length - 1] ?? 0;
  return (
    <figure className="drill-panel">
      <figcaption className="small">{title}</figcaption>
      <LivePlot
        data={data}
        lines={[{ label: `${metric}{node="${node}"}`, color: COLORS[marks.length % COLORS.length]! }]}
        unit={metricDef(metric)?.unit}
        from={0}
        to={to}
        slo={slo}
        annotations={marks.map((t) => ({ t, color: '#f85149', label: 'saturated' }))}
        height={140}
      />
    </figure>
  );
}

export function TestWindowCharts({ report, drill }: { report: TestReport; drill: Drill }) {
  const client = report.summary.client;
  // The series each resource is judged on, from the one catalog (bottlenecks.ts).
  const metricOf = (node: string, resource: string) => {
    const kind = drill.nodes.find((n) => n.id === node)?.kind;
    return (kind && RESOURCES[kind].find((r) => r.name === resource)?.metric) ?? 'saturation';
  };
  const slo = (metric: string) => drill.slos.find((s) => s.node === client && s.metric === metric)?.max;
  const marks = report.bottlenecks.map((b) => b.t);
  return (
    <div className="drill-charts" data-testid="drill-charts">
      <Panel
        title={`${client}: requests/s`}
        report={report}
        metric="request_rate"
        node={client}
        marks={marks}
      />
      <Panel
        title={`${client}: error ratio`}
        report={report}
        metric="error_ratio"
        node={client}
        marks={marks}
        slo={slo('error_ratio')}
      />
      <Panel
        title={`${client}: p99 latency`}
        report={report}
        metric="latency_p99"
        node={client}
        marks={marks}
        slo={slo('latency_p99')}
      />
      {report.bottlenecks.map((b) => (
        <Panel
          key={`${b.node}-${b.resource}`}
          title={`${b.node} ${b.resource} (saturated at ${b.multiple.toFixed(1)}x)`}
          report={report}
          metric={metricOf(b.node, b.resource)}
          node={b.node}
          marks={[b.t]}
        />
      ))}
    </div>
  );
}
