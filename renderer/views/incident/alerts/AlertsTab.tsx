/** Alert rules with their state and runbooks; P2/P3 chat-routed alerts in a channel-like feed. */
import { useMemo, useState } from 'react';
import Markdown from '../../shared/Markdown';
import { alertUnit } from '../../../../simulator/alerting/describe';
import { scenarioAlerts } from '../../../../simulator/alerting/rules';
import { clock, metricValue } from '../../../lib/format';
import { useIncidentStore } from '../../../stores/incident-store';

/** The event's text without its leading FIRING/RESOLVED: the badge beside it already says so. */
const withoutState = (text: string) => text.replace(/^(FIRING|RESOLVED)\s+/, '');

export function AlertsTab() {
  const scenario = useIncidentStore((s) => s.scenario);
  const alerts = useIncidentStore((s) => s.alerts);
  const events = useIncidentStore((s) => s.events);
  const pages = useIncidentStore((s) => s.pages);
  const acknowledge = useIncidentStore((s) => s.acknowledge);
  const [selected, setSelected] = useState<string | undefined>();

  const history = useMemo(
    () => events.filter((e) => e.kind === 'alert-firing' || e.kind === 'alert-resolved'),
    [events],
  );
  const chat = useMemo(() => {
    const chatNames = new Set(
      (scenario ? scenarioAlerts(scenario) : []).filter((a) => a.route !== 'page').map((a) => a.name),
    );
    return history.filter(
      (e) => chatNames.has(String(e.data?.alert ?? '')) || [...chatNames].some((n) => e.text.includes(n)),
    );
  }, [history, scenario]);

  if (!scenario) return null;
  const rules = scenarioAlerts(scenario);
  const def = rules.find((a) => a.name === (selected ?? alerts.find((a) => a.status === 'firing')?.name));

  return (
    <div className="alerts-tab">
      <section className="alerts-rules">
        <h2>Alert rules</h2>
        <table className="table">
          <thead>
            <tr>
              <th>State</th>
              <th>Severity</th>
              <th>Alert</th>
              <th>Route</th>
              <th>Value</th>
              <th>Since</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rules.map((rule) => {
              const state = alerts.find((a) => a.name === rule.name);
              const status = state?.status ?? 'inactive';
              const page = pages.find((p) => p.name === rule.name && p.acknowledgedAt === undefined);
              return (
                <tr
                  key={rule.name}
                  className={rule.name === def?.name ? 'selected' : ''}
                  onClick={() => setSelected(rule.name)}
                >
                  <td>
                    <span className={`state state-${status}`}>{status}</span>
                  </td>
                  <td>
                    <span className={`sev sev-${rule.severity}`}>{rule.severity}</span>
                  </td>
                  <td>
                    <div>{rule.name}</div>
                    <code className="muted small">{rule.expr}</code>
                  </td>
                  <td>{rule.route}</td>
                  <td>
                    {state && status !== 'inactive' ? metricValue(state.value, alertUnit(rule.expr)) : '–'}
                  </td>
                  <td>{state && status !== 'inactive' ? clock(state.since) : '–'}</td>
                  <td>
                    {page ? (
                      <button className="primary" onClick={() => acknowledge(rule.name)}>
                        Ack
                      </button>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <h2>Chat channel #alerts (P2/P3)</h2>
        <ul className="chat">
          {chat.length === 0 ? <li className="muted">Quiet so far.</li> : null}
          {chat.map((e, i) => (
            <li key={i} className={e.kind === 'alert-firing' ? 'firing' : 'resolved'}>
              <span className="muted small">{clock(e.t)}</span> <strong>alertmanager</strong>{' '}
              <span className={e.kind === 'alert-firing' ? 'state state-firing' : 'state state-inactive'}>
                {e.kind === 'alert-firing' ? 'firing' : 'resolved'}
              </span>{' '}
              {withoutState(e.text)}
            </li>
          ))}
        </ul>
      </section>
      <aside className="runbook">
        <h2>Runbook</h2>
        {def ? (
          <>
            <h3>{def.name}</h3>
            {def.summary ? <p className="muted">{def.summary}</p> : null}
            <div className="markdown">
              <Markdown>{def.runbook || '_No runbook for this alert._'}</Markdown>
              {def.runbookUrl ? <Markdown>{`[Team runbook](<${def.runbookUrl}>)`}</Markdown> : null}
            </div>
          </>
        ) : (
          <p className="muted">Select an alert to read its runbook.</p>
        )}
      </aside>
    </div>
  );
}
