/** Bottom status bar: simulated time, speed, SLO state, open pages, failing saves. */
import { clock, metricValue } from '../../lib/format';
import { metricDef } from '../../../simulator/engine/metric-names';
import { useIncidentStore } from '../../stores/incident-store';
import { SaveStateIndicator } from '../saves/UnsavedRuns';
import { readSlos } from './status-slos';

export function StatusBar() {
  const time = useIncidentStore((s) => s.time);
  const speed = useIncidentStore((s) => s.speed);
  const paused = useIncidentStore((s) => s.paused);
  const slos = useIncidentStore((s) => s.slos);
  const okSince = useIncidentStore((s) => s.okSince);
  const everBroken = useIncidentStore((s) => s.sloEverBroken);
  const objectives = useIncidentStore((s) => s.scenario?.objectives);
  const runId = useIncidentStore((s) => s.record?.id);
  const openPages = useIncidentStore((s) => s.pages.filter((p) => p.acknowledgedAt === undefined).length);
  const buffer = useIncidentStore((s) => s.buffer);
  useIncidentStore((s) => s.version); // the scrapes' state changes with the metrics

  // What the trainee's monitoring shows: no data while Prometheus cannot scrape an SLO's node.
  const { headline, readings } = readSlos(
    objectives?.slos ?? [],
    slos,
    (node) => buffer?.scrapeFailing(node) ?? false,
  );
  const allOk = headline === 'OK';
  return (
    <footer className="status-bar" data-testid="status-bar">
      <span>T+{clock(time)}</span>
      <span>{paused ? 'paused' : `${speed}x`}</span>
      <span
        className={allOk ? 'ok-text' : headline === 'NO DATA' ? 'warn-text' : 'crit-text'}
        data-testid="slo-headline"
      >
        SLO {headline === 'NO DATA' ? 'no data' : headline}
        {/* The hold counts toward mitigation only once something broke. */}
        {allOk && everBroken && okSince !== null && objectives
          ? ` · holding ${clock(time - okSince)} of ${clock(objectives.holdFor)}`
          : ''}
      </span>
      {objectives?.slos.map((slo, i) => {
        const reading = readings[i];
        const unit = metricDef(slo.metric)?.unit;
        const noData = reading?.value === null;
        return (
          <span
            key={`${slo.node}-${slo.metric}`}
            className={reading?.ok ? 'muted' : noData ? 'warn-text' : 'crit-text'}
            title={noData ? `Prometheus cannot scrape ${slo.node}: no samples` : undefined}
          >
            {slo.node} {slo.metric} {noData ? 'no data' : metricValue(reading?.value ?? Number.NaN, unit)} /{' '}
            {metricValue(slo.max, unit)}
          </span>
        );
      })}
      <span className={openPages ? 'crit-text' : 'muted'}>
        {openPages} open page{openPages === 1 ? '' : 's'}
      </span>
      <SaveStateIndicator runId={runId} />
    </footer>
  );
}
