/**
 * The dashboards of one load test's window: the tested client's traffic, errors and p99, and the
 * utilisation of every resource that saturated, with a mark where each did. Drawn from the
 * report's plain series (`TestReport.window`), which the load-test worker sends back.
 */
import { memo, useMemo } from 'react';
import type uPlot from 'uplot';
import { metricDef } from '../../../simulator/engine/metric-names';
import type { Drill } from '../../../simulator/drill/schema';
import type { TestReport, WindowSeries } from '../../../simulator/drill/session';
import { LivePlot } from '../incident/dashboard/LivePlot';

const COLORS = ['#58a6ff', '#f0883e', '#a371f7', '#3fb950', '#db61a2', '#e3b341'];
function plotData(series: WindowSeries, tickSeconds: number): uPlot.AlignedData {
  return [series.values.map((_, k) => k * tickSeconds), [...series.values]];
}

function Panel(props: {
  title: string;
  series: WindowSeries | undefined;
  tickSeconds: number;
  marks: number[];
  slo?: number;
}) {
  const { series, tickSeconds, marks, title, slo } = props;
  const data = useMemo(() => series && plotData(series, tickSeconds), [series, tickSeconds]);
  if (!series || !data) return null;
  const to = data[0][data[0].length - 1] ?? 0;
  return (
    <figure className="drill-panel">
      <figcaption className="small">{title}</figcaption>
      <LivePlot
        data={data}
        lines={[
          {
            label: `${series.metric}{node="${series.node}"}`,
            color: COLORS[marks.length % COLORS.length]!,
          },
        ]}
        unit={metricDef(series.metric)?.unit}
        from={0}
        to={to}
        slo={slo}
        annotations={marks.map((t) => ({ t, color: '#f85149', label: 'saturated' }))}
        height={140}
      />
    </figure>
  );
}

/** Memoised: the drill view re-renders on every progress report of a running test. */
export const TestWindowCharts = memo(function TestWindowCharts({
  report,
  drill,
}: {
  report: TestReport;
  drill: Drill;
}) {
  const client = report.summary.client;
  const { tickSeconds } = report.window;
  const clientSeries = (metric: string) => report.window.client.find((s) => s.metric === metric);
  const slo = (metric: string) => drill.slos.find((s) => s.node === client && s.metric === metric)?.max;
  const marks = report.bottlenecks.map((b) => b.t);
  return (
    <div className="drill-charts" data-testid="drill-charts">
      <Panel
        title={`${client}: requests/s`}
        series={clientSeries('request_rate')}
        tickSeconds={tickSeconds}
        marks={marks}
      />
      <Panel
        title={`${client}: error ratio`}
        series={clientSeries('error_ratio')}
        tickSeconds={tickSeconds}
        marks={marks}
        slo={slo('error_ratio')}
      />
      <Panel
        title={`${client}: p99 latency`}
        series={clientSeries('latency_p99')}
        tickSeconds={tickSeconds}
        marks={marks}
        slo={slo('latency_p99')}
      />
      {report.bottlenecks.map((b, i) => (
        <Panel
          key={`${b.node}-${b.resource}`}
          title={`${b.node} ${b.resource} (saturated at ${b.multiple.toFixed(1)}x)`}
          series={report.window.bottlenecks[i]}
          tickSeconds={tickSeconds}
          marks={[b.t]}
        />
      ))}
    </div>
  );
});
